// `{{ path | filter }}` templates: parsing, listing (for the loader's pre-flight check) and expansion.
// Templates are data, never code: a path of names and a fixed set of filters, nothing else.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ExitCode, ScimCheckError } from '../errors.js';
import { escapePointerToken } from '../shared/json-pointer.js';

/** Filters a template may apply, left to right. */
export const TEMPLATE_FILTERS = ['upper', 'lower', 'urlencode', 'json'] as const;
export type TemplateFilter = (typeof TEMPLATE_FILTERS)[number];

/** One `{{ … }}` found in a value. */
export interface TemplateRef {
  /** The template as written, braces included. */
  raw: string;
  path: string[];
  filters: string[];
  /** JSON pointer of the string holding it, relative to the value given to templateRefs. */
  pointer: string;
  /** Set when the template is malformed (then `path` may be empty). */
  error?: string | undefined;
}

/** Where templates find their values. */
export interface TemplateScope {
  lookup(path: string[]): { found: boolean; value?: unknown };
}

/** Thrown by expandTemplates: `template.unknown` (no value) or `template.syntax` (malformed). */
export class TemplateError extends ScimCheckError {
  /** JSON pointer of the failing string, relative to the value being expanded. */
  readonly pointer: string;
  constructor(code: 'template.unknown' | 'template.syntax', detail: string, pointer: string) {
    super({ code, exitCode: ExitCode.INVALID_INPUT, title: code === 'template.unknown' ? 'Unknown template name' : 'Malformed template', detail });
    this.pointer = pointer;
  }
}

const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WHOLE = /^\{\{([^{}]*)\}\}$/;

interface ParsedTemplate {
  raw: string;
  start: number;
  end: number;
  path: string[];
  filters: string[];
  error?: string;
}

/** Finds every template in one string, well-formed or not. */
export function parseTemplates(text: string): ParsedTemplate[] {
  const found: ParsedTemplate[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return found;
    const close = text.indexOf('}}', start + 2);
    if (close < 0) {
      found.push({ raw: text.slice(start), start, end: text.length, path: [], filters: [], error: `"{{" without a closing "}}"` });
      return found;
    }
    const end = close + 2;
    const raw = text.slice(start, end);
    found.push({ raw, start, end, ...parseInner(raw.slice(2, -2)) });
    from = end;
  }
}

function parseInner(inner: string): { path: string[]; filters: string[]; error?: string } {
  const [head = '', ...rest] = inner.split('|').map((part) => part.trim());
  const filters = rest;
  if (head === '') return { path: [], filters, error: 'an empty template; write a name such as {{ run.id }}' };
  const path = head.split('.');
  if (!IDENTIFIER.test(path[0] ?? '') || !path.every((s) => SEGMENT.test(s))) {
    return { path, filters, error: `"${head}" is not a name: use letters, digits and _ separated by dots` };
  }
  if (filters.some((f) => f === '')) return { path, filters, error: 'an empty filter after "|"' };
  return { path, filters };
}

/** Every template in a value (deep over strings, arrays and object values; keys are not templated). */
export function templateRefs(value: unknown, pointer = ''): TemplateRef[] {
  const refs: TemplateRef[] = [];
  collect(value, pointer, refs);
  return refs;
}

/**
 * The first name of every template in a value (`user` for `{{ user.id }}`; undefined for a malformed one), in the
 * order templateRefs lists them: what the runner asks of each step before sending it, without building pointers.
 */
export function templateRoots(value: unknown, roots: Array<string | undefined> = []): Array<string | undefined> {
  if (typeof value === 'string') {
    if (value.includes('{{')) for (const t of parseTemplates(value)) roots.push(t.path[0]);
  } else if (Array.isArray(value)) {
    for (const item of value) templateRoots(item, roots);
  } else if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) templateRoots(child, roots);
  }
  return roots;
}

function collect(value: unknown, pointer: string, refs: TemplateRef[]): void {
  if (typeof value === 'string') {
    for (const t of parseTemplates(value)) {
      refs.push({ raw: t.raw, path: t.path, filters: t.filters, pointer, ...(t.error === undefined ? {} : { error: t.error }) });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${pointer}/${i}`, refs));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) collect(child, `${pointer}/${escapePointerToken(key)}`, refs);
  }
}

/**
 * Expands templates deep in `value`. A string that is exactly one template keeps the value's type
 * (a captured integer stays an integer); elsewhere values are written as text.
 */
export function expandTemplates(value: unknown, scope: TemplateScope, pointer = ''): unknown {
  if (typeof value === 'string') return expandString(value, scope, pointer);
  if (Array.isArray(value)) return value.map((item, i) => expandTemplates(item, scope, `${pointer}/${i}`));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = expandTemplates(child, scope, `${pointer}/${escapePointerToken(key)}`);
    return out;
  }
  return value;
}

function expandString(text: string, scope: TemplateScope, pointer: string): unknown {
  if (!text.includes('{{')) return text;
  const templates = parseTemplates(text);
  if (templates.length === 1 && WHOLE.test(text)) {
    const only = templates[0];
    if (only !== undefined) return evaluate(only, scope, pointer);
  }
  let out = '';
  let at = 0;
  for (const t of templates) {
    out += text.slice(at, t.start) + toText(evaluate(t, scope, pointer));
    at = t.end;
  }
  return out + text.slice(at);
}

function evaluate(t: ParsedTemplate, scope: TemplateScope, pointer: string): unknown {
  if (t.error !== undefined) throw new TemplateError('template.syntax', `${t.raw}: ${t.error}`, pointer);
  const hit = scope.lookup(t.path);
  if (!hit.found) throw new TemplateError('template.unknown', `${t.raw} has no value: nothing named "${t.path.join('.')}" is defined here`, pointer);
  let value = hit.value;
  for (const filter of t.filters) value = applyFilter(filter, value, t.raw, pointer);
  return value;
}

function applyFilter(filter: string, value: unknown, raw: string, pointer: string): unknown {
  switch (filter) {
    case 'upper':
      return toText(value).toUpperCase();
    case 'lower':
      return toText(value).toLowerCase();
    case 'urlencode':
      return encodeURIComponent(toText(value));
    case 'json':
      return JSON.stringify(value);
    default:
      throw new TemplateError('template.syntax', `${raw}: unknown filter "${filter}" (filters: ${TEMPLATE_FILTERS.join(', ')})`, pointer);
  }
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * A scope over plain nested data; `random.uuid`, `random.hex` (8 hex characters) and `random.int`
 * are fresh at each lookup, so two uses in one request differ.
 */
export function createScope(root: Record<string, unknown>): TemplateScope {
  return {
    lookup(path) {
      if (path.length === 2 && path[0] === 'random') {
        if (path[1] === 'uuid') return { found: true, value: randomUUID() };
        if (path[1] === 'hex') return { found: true, value: randomBytes(4).toString('hex') };
        if (path[1] === 'int') return { found: true, value: randomInt(0, 2 ** 31 - 1) };
      }
      let current: unknown = root;
      for (const segment of path) {
        if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
        else if (typeof current === 'object' && current !== null && !Array.isArray(current) && Object.hasOwn(current, segment)) {
          current = (current as Record<string, unknown>)[segment];
        } else return { found: false };
        if (current === undefined) return { found: false };
      }
      return { found: true, value: current };
    },
  };
}
