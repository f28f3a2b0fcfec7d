// The SCIM filter language (RFC 7644 §3.4.2.2): parser to an AST resolved against a resource's schema, and an
// evaluator that honours caseExact per attribute. Anything it cannot read is a 400 invalidFilter, never a crash.
import { badRequest } from './scim-http-error.js';
import { resolvePath, findAttr } from './resource-schemas.js';
import type { AttrDef, ResourceShape, SchemaDef } from './resource-schemas.js';

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompValue = string | number | boolean | null;

/** Where a compared attribute lives: the top attribute (and its schema), an optional sub-attribute. */
export interface AttrRef {
  extension: SchemaDef | undefined;
  attr: AttrDef;
  sub: AttrDef | undefined;
}

export type Filter =
  | { kind: 'compare'; ref: AttrRef; op: CompareOp; value: CompValue }
  | { kind: 'present'; ref: AttrRef }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /** `emails[type eq "work" and value co "@x"]`: the inner filter's refs are sub-attributes of `ref.attr`. */
  | { kind: 'valuePath'; ref: AttrRef; filter: Filter };

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token =
  | { t: 'word'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: '(' | ')' | '[' | ']'; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ t: c, at: i });
      i++;
    } else if (c === '"') {
      // JSON string rules (RFC 7644 §3.4.2.2 says compValue is a JSON literal), so \" and \\ work.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw badRequest('invalidFilter', `The filter has an unterminated string starting at character ${i + 1}.`);
      const raw = text.slice(i, j + 1);
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw badRequest('invalidFilter', `The filter has an invalid string ${raw}.`);
      }
      tokens.push({ t: 'string', v: String(value), at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t\n\r()[]"'.includes(text[j] ?? ' ')) j++;
      tokens.push({ t: 'word', v: text.slice(i, j), at: i });
      i = j;
    }
  }
  return tokens;
}

/** Options that change how names resolve; the postman profile narrows the filterable attributes. */
export interface FilterParseOptions {
  /** Lower-case attribute paths allowed in a filter; undefined = every attribute of the schema. */
  allowed?: ReadonlySet<string> | undefined;
  /** Lower-case operators allowed; undefined = all. */
  allowedOps?: ReadonlySet<string> | undefined;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly shape: ResourceShape,
    private readonly options: FilterParseOptions,
  ) {}

  parse(): Filter {
    if (this.tokens.length === 0) throw badRequest('invalidFilter', 'The filter is empty.');
    const f = this.parseOr(undefined);
    const extra = this.tokens[this.pos];
    if (extra !== undefined) throw badRequest('invalidFilter', `The filter has unexpected text at character ${extra.at + 1}.`);
    return f;
  }

  private peekWord(): string | undefined {
    const tok = this.tokens[this.pos];
    return tok?.t === 'word' ? tok.v.toLowerCase() : undefined;
  }

  private expect(t: '(' | ')' | ']'): void {
    const tok = this.tokens[this.pos];
    if (tok?.t !== t) {
      const where = tok === undefined ? 'at the end' : `at character ${tok.at + 1}`;
      throw badRequest('invalidFilter', `The filter is missing "${t}" ${where}.`);
    }
    this.pos++;
  }

  private parseOr(parent: AttrDef | undefined): Filter {
    let left = this.parseAnd(parent);
    while (this.peekWord() === 'or') {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd(parent) };
    }
    return left;
  }

  private parseAnd(parent: AttrDef | undefined): Filter {
    let left = this.parseUnary(parent);
    while (this.peekWord() === 'and') {
      this.pos++;
      left = { kind: 'and', left, right: this.parseUnary(parent) };
    }
    return left;
  }

  private parseUnary(parent: AttrDef | undefined): Filter {
    const tok = this.tokens[this.pos];
    if (tok === undefined) throw badRequest('invalidFilter', 'The filter ends where an expression was expected.');
    if (tok.t === '(') {
      this.pos++;
      const inner = this.parseOr(parent);
      this.expect(')');
      return inner;
    }
    if (tok.t === 'word' && tok.v.toLowerCase() === 'not') {
      this.pos++;
      this.expect('(');
      const inner = this.parseOr(parent);
      this.expect(')');
      return { kind: 'not', filter: inner };
    }
    if (tok.t !== 'word') throw badRequest('invalidFilter', `The filter has unexpected text at character ${tok.at + 1}.`);
    this.pos++;
    const next = this.tokens[this.pos];
    if (next?.t === '[') {
      if (parent !== undefined) throw badRequest('invalidFilter', 'Value filters cannot be nested.');
      const ref = this.resolve(tok.v, undefined, false);
      if (ref.attr.type !== 'complex' || ref.sub !== undefined) {
        throw badRequest('invalidFilter', `"${tok.v}" is not a complex attribute, so it cannot take a [value filter].`);
      }
      this.pos++;
      const inner = this.parseOr(ref.attr);
      this.expect(']');
      return { kind: 'valuePath', ref, filter: inner };
    }
    const ref = this.resolve(tok.v, parent);
    const opTok = this.tokens[this.pos];
    if (opTok?.t !== 'word') throw badRequest('invalidFilter', `The filter expects an operator after "${tok.v}".`);
    const op = opTok.v.toLowerCase();
    this.pos++;
    if (this.options.allowedOps !== undefined && !this.options.allowedOps.has(op)) {
      throw badRequest('invalidFilter', `The operator "${opTok.v}" is not supported here; use ${[...this.options.allowedOps].join(', ')}.`);
    }
    if (op === 'pr') return { kind: 'present', ref };
    if (!COMPARE_OPS.has(op)) throw badRequest('invalidFilter', `"${opTok.v}" is not a filter operator (eq ne co sw ew pr gt ge lt le).`);
    const valTok = this.tokens[this.pos];
    if (valTok === undefined) throw badRequest('invalidFilter', `The filter expects a value after "${opTok.v}".`);
    this.pos++;
    const value = readValue(valTok);
    const target = ref.sub ?? ref.attr;
    // RFC 7644 §3.4.2.2: gt/ge/lt/le on booleans (and on complex values) is an error.
    if (target.type === 'boolean' && op !== 'eq' && op !== 'ne') {
      throw badRequest('invalidFilter', `"${opTok.v}" cannot compare the boolean attribute "${target.name}".`);
    }
    if (target.type === 'boolean' && typeof value !== 'boolean' && value !== null) {
      throw badRequest('invalidFilter', `"${target.name}" is a boolean; compare it with true or false, not ${JSON.stringify(value)}.`);
    }
    return { kind: 'compare', ref, op: op as CompareOp, value };
  }

  private resolve(text: string, parent: AttrDef | undefined, valueOfComplex = true): AttrRef {
    if (parent !== undefined) {
      const sub = findAttr(parent.subAttributes ?? [], text);
      if (sub === undefined) throw badRequest('invalidFilter', `"${parent.name}" has no sub-attribute "${text}".`);
      return { extension: undefined, attr: parent, sub };
    }
    const resolved = resolvePath(this.shape, text);
    if (resolved === undefined) throw badRequest('invalidFilter', `The filter names the unknown attribute "${text}".`);
    if ((resolved.sub ?? resolved.attr).returned === 'never') {
      throw badRequest('invalidFilter', `"${text}" is never returned, so it cannot be filtered on.`);
    }
    let { sub } = resolved;
    // RFC 7644 §3.4.2.2: a multi-valued complex attribute without a sub-attribute compares its "value".
    if (valueOfComplex && sub === undefined && resolved.attr.type === 'complex') {
      sub = findAttr(resolved.attr.subAttributes ?? [], 'value');
    }
    const ref: AttrRef = { extension: resolved.extension, attr: resolved.attr, sub };
    if (this.options.allowed !== undefined && !this.options.allowed.has(refName(ref).toLowerCase())) {
      throw badRequest('invalidFilter', `Filtering on "${text}" is not supported here; filter on ${[...this.options.allowed].join(' or ')}.`);
    }
    return ref;
  }
}

function readValue(tok: Token): CompValue {
  if (tok.t === 'string') return tok.v;
  if (tok.t !== 'word') throw badRequest('invalidFilter', `The filter expects a value at character ${tok.at + 1}.`);
  const lower = tok.v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(tok.v)) return Number(tok.v);
  throw badRequest('invalidFilter', `The filter value ${tok.v} must be a "quoted string", a number, true, false or null.`);
}

/** `name.givenName` or `emails.value`: the canonical dotted name of a ref, without the schema URN. */
export function refName(ref: AttrRef): string {
  return ref.sub === undefined ? ref.attr.name : `${ref.attr.name}.${ref.sub.name}`;
}

export function parseFilter(text: string, shape: ResourceShape, options: FilterParseOptions = {}): Filter {
  return new Parser(tokenize(text), shape, options).parse();
}

export interface EvalOptions {
  /** Lower-case canonical names (`username`) compared case-exactly whatever the schema says (quirks, postman). */
  caseExact?: ReadonlySet<string> | undefined;
  /** Compare every string case-exactly (postman: "filter values are case-sensitive"). */
  allCaseExact?: boolean | undefined;
}

type Json = Record<string, unknown>;

function topValue(resource: Json, ref: AttrRef): unknown {
  const holder = ref.extension === undefined ? resource : resource[ref.extension.id];
  if (typeof holder !== 'object' || holder === null) return undefined;
  return (holder as Json)[ref.attr.name];
}

/** Every value the ref points at, arrays flattened (`emails.value` gives one per email). */
function valuesAt(resource: Json, ref: AttrRef): unknown[] {
  const top = topValue(resource, ref);
  const items = Array.isArray(top) ? top : top === undefined ? [] : [top];
  if (ref.sub === undefined) return items;
  const subName = ref.sub.name;
  const out: unknown[] = [];
  for (const item of items) {
    if (typeof item === 'object' && item !== null) {
      const v = (item as Json)[subName];
      if (Array.isArray(v)) out.push(...v);
      else if (v !== undefined) out.push(v);
    }
  }
  return out;
}

function isPresent(v: unknown): boolean {
  return !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}

function compare(actual: unknown, op: CompareOp, expected: CompValue, def: AttrDef, caseExact: boolean): boolean {
  if (expected === null) {
    // `attr eq null` is true when the attribute is absent (handled by the caller), never for a value.
    return op === 'ne';
  }
  if (typeof expected === 'boolean' || typeof actual === 'boolean') {
    if (op === 'eq') return actual === expected;
    if (op === 'ne') return actual !== expected;
    return false;
  }
  if (def.type === 'dateTime' && typeof actual === 'string' && typeof expected === 'string') {
    const a = Date.parse(actual);
    const e = Date.parse(expected);
    if (Number.isNaN(e)) throw badRequest('invalidFilter', `"${expected}" is not a dateTime (RFC 3339) for "${def.name}".`);
    return ordered(a, op, e) ?? stringOp(actual, op, expected);
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    return ordered(actual, op, expected) ?? stringOp(String(actual), op, String(expected));
  }
  if (typeof actual !== 'string' || typeof expected !== 'string') return op === 'ne';
  const a = caseExact ? actual : actual.toLowerCase();
  const e = caseExact ? expected : expected.toLowerCase();
  return ordered(a, op, e) ?? stringOp(a, op, e);
}

function ordered<T extends string | number>(a: T, op: CompareOp, e: T): boolean | undefined {
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    default:
      return undefined;
  }
}

function stringOp(a: string, op: CompareOp, e: string): boolean {
  if (op === 'co') return a.includes(e);
  if (op === 'sw') return a.startsWith(e);
  if (op === 'ew') return a.endsWith(e);
  return false;
}

/** True when the resource (its stored JSON, canonical attribute names) matches the filter. */
export function matchesFilter(resource: Json, filter: Filter, options: EvalOptions = {}): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesFilter(resource, filter.left, options) && matchesFilter(resource, filter.right, options);
    case 'or':
      return matchesFilter(resource, filter.left, options) || matchesFilter(resource, filter.right, options);
    case 'not':
      return !matchesFilter(resource, filter.filter, options);
    case 'present':
      return valuesAt(resource, filter.ref).some(isPresent);
    case 'valuePath': {
      const top = topValue(resource, filter.ref);
      const items = Array.isArray(top) ? top : top === undefined ? [] : [top];
      return items.some((item) => typeof item === 'object' && item !== null && matchesElement(item as Json, filter.filter, options));
    }
    case 'compare': {
      const values = valuesAt(resource, filter.ref);
      if (values.length === 0) return filter.value === null ? filter.op === 'eq' : filter.op === 'ne';
      return matchesAny(values, filter.ref, filter.op, filter.value, options);
    }
  }
}

/** Inside a value filter the refs point at sub-attributes of one element (also used by PATCH value paths). */
export function matchesElement(element: Json, filter: Filter, options: EvalOptions = {}): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesElement(element, filter.left, options) && matchesElement(element, filter.right, options);
    case 'or':
      return matchesElement(element, filter.left, options) || matchesElement(element, filter.right, options);
    case 'not':
      return !matchesElement(element, filter.filter, options);
    case 'present':
      return isPresent(filter.ref.sub === undefined ? undefined : element[filter.ref.sub.name]);
    case 'valuePath':
      return false;
    case 'compare': {
      const v = filter.ref.sub === undefined ? undefined : element[filter.ref.sub.name];
      if (v === undefined) return filter.value === null ? filter.op === 'eq' : filter.op === 'ne';
      return matchesAny([v], filter.ref, filter.op, filter.value, options);
    }
  }
}

function matchesAny(values: unknown[], ref: AttrRef, op: CompareOp, expected: CompValue, options: EvalOptions): boolean {
  const def = ref.sub ?? ref.attr;
  const caseExact = options.allCaseExact === true || def.caseExact || options.caseExact?.has(refName(ref).toLowerCase()) === true;
  // `ne` on a multi-valued attribute: true when no value equals (RFC 7644 §3.4.2.2 reads it as "not equal").
  if (op === 'ne') return !values.some((v) => compare(v, 'eq', expected, def, caseExact));
  return values.some((v) => compare(v, op, expected, def, caseExact));
}

/**
 * The value a filter pins `canonicalName` to with `eq` on every path to a match (`userName eq "x"`, possibly
 * inside `and`), so the store can answer from its index instead of scanning; undefined when there is none.
 */
export function indexableEq(filter: Filter, canonicalName: string): string | undefined {
  if (filter.kind === 'compare') {
    if (filter.op === 'eq' && filter.ref.extension === undefined && filter.ref.sub === undefined && filter.ref.attr.name === canonicalName && typeof filter.value === 'string') {
      return filter.value;
    }
    return undefined;
  }
  if (filter.kind === 'and') return indexableEq(filter.left, canonicalName) ?? indexableEq(filter.right, canonicalName);
  return undefined;
}
