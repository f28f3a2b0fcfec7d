// Matches a live request against a suite step's request template, the way a step's templates would have produced
// it: literal text must be equal, each `{{ name }}` matches any text and binds `name` to it. The bindings later feed
// the step's own expectations, so a live exchange is judged against what Okta actually sent.
import { parseTemplates } from '../suite/templates.js';

/** Values bound by `{{ a.b }}` templates, as a nested object (`{ a: { b: value } }`). */
export type Bindings = Record<string, unknown>;

/** Names the runner fills in itself; a live request cannot bind them meaningfully. */
const RESERVED_ROOTS = new Set(['run', 'random', 'page', 'env']);

interface TextPattern {
  regex: RegExp;
  /** Template paths in group order; undefined where the template cannot bind (reserved name, filter applied). */
  names: Array<string[] | undefined>;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A string with templates as an anchored pattern; `segment` keeps a template inside one path segment. */
function textPattern(text: string, segment: boolean): TextPattern {
  const any = segment ? '([^/]+)' : '([\\s\\S]*?)';
  let source = '';
  let last = 0;
  const names: Array<string[] | undefined> = [];
  for (const template of parseTemplates(text)) {
    source += escapeRegex(text.slice(last, template.start)) + any;
    last = template.end;
    const bindable = template.error === undefined && template.filters.length === 0 && !RESERVED_ROOTS.has(template.path[0] ?? '');
    names.push(bindable ? template.path : undefined);
  }
  source += escapeRegex(text.slice(last));
  return { regex: new RegExp(`^${source}$`), names };
}

function bind(bindings: Bindings, path: string[], value: unknown): void {
  let node: Record<string, unknown> = bindings;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      // The first binding wins: Okta's body names a value several times (userName, emails, display).
      if (!Object.hasOwn(node, key)) node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      if (next !== undefined) return;
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
}

/** Matches one string; binds its templates when `bindings` is given. */
export function unifyText(template: string, live: string, bindings: Bindings | undefined, segment = false, decode?: (s: string) => string): boolean {
  const pattern = textPattern(template, segment);
  const match = pattern.regex.exec(live);
  if (match === null) return false;
  if (bindings !== undefined) {
    pattern.names.forEach((name, i) => {
      const value = match[i + 1];
      if (name !== undefined && value !== undefined) bind(bindings, name, decode === undefined ? value : decode(value));
    });
  }
  return true;
}

function isWholeTemplate(text: string): boolean {
  const found = parseTemplates(text);
  return found.length === 1 && found[0]?.start === 0 && found[0].end === text.length;
}

/**
 * Matches a JSON value against a templated one. `strict`: every key the template names must be present and every
 * literal equal (a PATCH's operations are what tell Okta's calls apart). Not strict: nothing can fail, values are
 * only bound (a create or PUT body depends on the customer's attribute mappings, not on which call it is).
 */
export function unifyJson(template: unknown, live: unknown, bindings: Bindings | undefined, strict: boolean): boolean {
  if (typeof template === 'string') {
    if (isWholeTemplate(template) && typeof live !== 'string') {
      const [only] = parseTemplates(template);
      if (bindings !== undefined && only !== undefined && only.filters.length === 0 && !RESERVED_ROOTS.has(only.path[0] ?? '')) bind(bindings, only.path, live);
      return live !== undefined || !strict;
    }
    if (typeof live !== 'string') return !strict;
    return unifyText(template, live, bindings) || !strict;
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(live)) return !strict;
    if (template.length === live.length) return template.every((item, i) => unifyJson(item, live[i], bindings, strict)) || !strict;
    const first = template[0];
    // Okta adds or removes as many members as changed: a list of another length is checked for shape only.
    if (first === undefined || live.length === 0) return !strict;
    return live.every((item) => unifyJson(first, item, undefined, strict)) || !strict;
  }
  if (typeof template === 'object' && template !== null) {
    if (typeof live !== 'object' || live === null || Array.isArray(live)) return !strict;
    const record = live as Record<string, unknown>;
    for (const [key, value] of Object.entries(template as Record<string, unknown>)) {
      if (!Object.hasOwn(record, key)) {
        if (strict) return false;
        continue;
      }
      if (!unifyJson(value, record[key], bindings, strict) && strict) return false;
    }
    return true;
  }
  return Object.is(template, live) || !strict;
}
