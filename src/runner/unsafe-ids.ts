// Reports a captured id that a careless client would turn into another URL: it contains "/", "?", "#", "%",
// control characters or "..". scim-check itself only ever sends such an id percent-encoded as one path segment.
import type { Check } from '../assert/types.js';
import type { Step, Suite } from '../suite/types.js';
import { pathTemplateNames, unsafeSegmentReasons } from './path-segments.js';

const namesBySuite = new WeakMap<Suite, Set<string>>();

function pathNames(suite: Suite): Set<string> {
  let names = namesBySuite.get(suite);
  if (names === undefined) {
    names = pathTemplateNames(suite);
    namesBySuite.set(suite, names);
  }
  return names;
}

/**
 * One finding per value this step captured that the suite places in a path and that is unsafe there.
 * Level `optional`: RFC 7643 §3.1 lets the service provider choose any non-empty string as `id` and does not
 * restrict its characters, so the RFC cannot make this recommended or required; it is still worth knowing, because
 * clients (Okta among them: GET /Users/{id}) put the id straight into `/Users/{id}`.
 */
export function unsafeIdChecks(step: Step, suite: Suite, captures: ReadonlyMap<string, unknown>): Check[] {
  const checks: Check[] = [];
  const names = pathNames(suite);
  for (const [name, source] of Object.entries(step.capture)) {
    const value = captures.get(name);
    if (!names.has(name) || typeof value !== 'string') continue;
    const reasons = unsafeSegmentReasons(value);
    if (reasons.length === 0) continue;
    checks.push({
      kind: 'body',
      pointer: source.startsWith('body.') ? `/${source.slice(5).split('.').join('/')}` : source,
      expected: 'an id that is safe in a URL path (no "/", "?", "#", "%", control characters or "..")',
      actual: value,
      passed: false,
      level: 'optional',
      message: `${source} ${JSON.stringify(value)} contains ${reasons.join(', ')}; scim-check sends it only percent-encoded as one path segment (${encodeURIComponent(value)}), but a client that does not encode it addresses another URL`,
      why: 'RFC 7643 §3.1 leaves the characters of `id` to the service provider, but every client places it in a URL path (RFC 7644 §3.4.1: /Users/{id})',
      hint: 'issue ids made of letters, digits, "-" and "_" (UUIDs, for example)',
      location: suite.locate(`${step.pointer}/capture/${name}`),
    });
  }
  return checks;
}
