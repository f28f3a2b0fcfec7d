// Request paths are built, never concatenated: every template value placed in a path becomes exactly one
// percent-encoded path segment, so a server-supplied id can never climb out of its collection or add a query.
// Knows templates (to expand them) but nothing of steps, HTTP or cleanup.
import { ExitCode, ScimCheckError } from '../errors.js';
import { expandTemplates, templateRefs } from '../suite/templates.js';
import type { TemplateScope } from '../suite/index.js';
import type { Suite } from '../suite/types.js';
import { parseTemplates } from '../suite/templates.js';

/** A template value that no URL can carry as a path segment (`.` and `..` are removed by every URL parser). */
export class UnaddressableSegmentError extends ScimCheckError {
  constructor(value: string, template: string) {
    super({
      code: 'request.unaddressable',
      exitCode: ExitCode.TARGET_ERROR,
      title: 'Value cannot be placed in a URL path',
      detail: `${template} is ${JSON.stringify(value)}: a path segment "." or ".." (even percent-encoded) is removed by URL normalisation (RFC 3986 §5.2.4, §6.2.2), so no request can address it; nothing was sent`,
      hint: 'issue ids made of letters, digits, "-" and "_" (UUIDs, for example)',
    });
  }
}

/** `.`, `..` and their percent-encoded forms: URL parsers treat all of them as dot segments. */
const DOT_SEGMENT = /^(?:%2e|\.){1,2}$/i;

/** Percent-encodes one path segment: `/`, `?`, `#`, `%`, spaces and control characters all become `%XX`. */
export function encodeSegment(value: string): string {
  if (DOT_SEGMENT.test(value)) throw new UnaddressableSegmentError(value, 'the segment');
  return encodeURIComponent(value);
}

/**
 * Expands a suite path. Literal text is kept as written; each template's value is encoded as one segment
 * (a value already passed through `| urlencode` is not encoded twice).
 */
export function expandPath(path: string, scope: TemplateScope): string {
  if (!path.includes('{{')) return path;
  let out = '';
  let at = 0;
  for (const t of parseTemplates(path)) {
    // A lone template keeps its value's type; malformed or unknown templates throw the loader's own errors.
    const value = expandTemplates(t.raw, scope);
    const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    const encoded = t.filters.at(-1) === 'urlencode' ? text : encodeURIComponent(text);
    if (DOT_SEGMENT.test(encoded) && isWholeSegment(path, t.start, t.end)) throw new UnaddressableSegmentError(text, t.raw);
    out += path.slice(at, t.start) + encoded;
    at = t.end;
  }
  return out + path.slice(at);
}

function isWholeSegment(path: string, start: number, end: number): boolean {
  return (start === 0 || path[start - 1] === '/') && (end === path.length || path[end] === '/' || path[end] === '?');
}

/**
 * What makes a value unsafe in a URL path for a client that does not encode it: `/`, `?`, `#`, `%`,
 * control characters, `..`. Empty when the value is plain.
 */
export function unsafeSegmentReasons(value: string): string[] {
  const reasons: string[] = [];
  for (const c of ['/', '?', '#', '%']) if (value.includes(c)) reasons.push(`"${c}"`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) reasons.push('control characters');
  if (value.includes('..')) reasons.push('".."');
  return reasons;
}

/** Names whose values a suite places in a request or cleanup path (e.g. `userId` in '/Users/{{ userId }}'). */
export function pathTemplateNames(suite: Suite): Set<string> {
  const names = new Set<string>();
  for (const step of suite.steps) {
    for (const spec of [step.request, ...step.cleanup]) {
      for (const ref of templateRefs(spec.path)) if (ref.path[0] !== undefined) names.add(ref.path[0]);
    }
  }
  return names;
}
