// The body/header matcher vocabulary (README "Body matchers") and its static check at load time.
// assert/ evaluates matchers; this module only knows their names and argument shapes.
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken } from '../shared/json-pointer.js';
import { compileLinear } from '../shared/linear-regex.js';
import { didYouMean } from '../shared/suggest.js';

/** Every matcher a suite may use; an object whose keys all start with `$` is a matcher (except `$ref`). */
export const MATCHER_NAMES = [
  '$match',
  '$equalsIgnoreCase',
  '$type',
  '$exists',
  '$contains',
  '$length',
  '$oneOf',
  '$not',
  '$gte',
  '$gt',
  '$lte',
  '$lt',
] as const;
export type MatcherName = (typeof MATCHER_NAMES)[number];

/** JSON type names `$type` accepts ("integer" is a number with no fraction). */
export const JSON_TYPE_NAMES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'] as const;

/** A problem found in a matcher tree, located by JSON pointer (the loader turns it into a SuiteError). */
export interface MatcherIssue {
  pointer: string;
  /** Point at the key rather than its value (an unknown matcher name). */
  atKey: boolean;
  code: string;
  detail: string;
}

/**
 * True when `value` is a matcher object: every key starts with `$`. `$ref` is a SCIM attribute
 * (RFC 7643 §2.4, e.g. in group members), so an object with it is matched field by field.
 */
export function isMatcherObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$') && k !== '$ref');
}

const TEMPLATE = /\{\{[^}]*\}\}/g;

/** Why a key starting with `/` is not an RFC 6901 pointer (`~` must be followed by 0 or 1); undefined when it is. */
export function pointerProblem(pointer: string): string | undefined {
  if (/~$/.test(pointer)) return 'ends with "~"; write "~0" for a literal "~" (RFC 6901)';
  const bad = /~[^01]/.exec(pointer);
  if (bad !== null) return `has the escape "${bad[0]}"; only "~0" (for "~") and "~1" (for "/") exist (RFC 6901)`;
  return undefined;
}

/** Checks a body matcher tree (subset-match values with matchers anywhere); returns every issue found. */
export function checkMatcherTree(value: unknown, pointer: string): MatcherIssue[] {
  const issues: MatcherIssue[] = [];
  walk(value, pointer, issues);
  return issues;
}

/** Checks `expect.headers`: each value is a string or a matcher object. */
export function checkHeaderMatchers(headers: Record<string, unknown>, pointer: string): MatcherIssue[] {
  const issues: MatcherIssue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const at = `${pointer}/${escapePointerToken(name)}`;
    if (typeof value === 'string') continue;
    if (isMatcherObject(value)) walk(value, at, issues);
    else issues.push({ pointer: at, atKey: false, code: 'suite.type', detail: `header ${name} must be a string or a matcher such as { $match: '…' }, got ${describeType(value)}` });
  }
  return issues;
}

function walk(value: unknown, pointer: string, issues: MatcherIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${pointer}/${i}`, issues));
    return;
  }
  if (!isPlainObject(value)) return;
  if (!isMatcherObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const at = `${pointer}/${escapePointerToken(key)}`;
      const bad = key.startsWith('/') ? pointerProblem(key) : undefined;
      if (bad !== undefined) issues.push({ pointer: at, atKey: true, code: 'suite.badPointer', detail: `JSON pointer key ${JSON.stringify(key)} ${bad}` });
      walk(child, at, issues);
    }
    return;
  }
  for (const [name, arg] of Object.entries(value)) checkMatcher(name, arg, `${pointer}/${escapePointerToken(name)}`, issues);
}

function checkMatcher(name: string, arg: unknown, pointer: string, issues: MatcherIssue[]): void {
  const bad = (detail: string): void => {
    issues.push({ pointer, atKey: false, code: 'suite.badMatcher', detail });
  };
  switch (name) {
    case '$match': {
      if (typeof arg !== 'string') return bad(`$match takes a regular expression string, got ${describeType(arg)}`);
      // Templates are expanded before matching; a placeholder keeps the rest of the pattern checkable.
      const compiled = compileLinear(arg.replace(TEMPLATE, 'x'));
      if (compiled.ok) return;
      const detail = compiled.syntax
        ? `$match ${JSON.stringify(arg)} is not a valid regular expression: ${compiled.reason}`
        : `$match ${JSON.stringify(arg)} cannot be used: ${compiled.reason} (patterns run in a linear-time engine so that no answer can make a run hang)`;
      issues.push({ pointer, atKey: false, code: compiled.syntax ? 'suite.badRegex' : 'suite.slowRegex', detail });
      return;
    }
    case '$equalsIgnoreCase':
      if (typeof arg !== 'string') bad(`$equalsIgnoreCase takes a string, got ${describeType(arg)}`);
      return;
    case '$type': {
      const names = Array.isArray(arg) ? arg : [arg];
      if (names.length === 0) return bad('$type takes a type name or a non-empty list of them');
      for (const [i, item] of names.entries()) {
        const at = Array.isArray(arg) ? `${pointer}/${i}` : pointer;
        if (typeof item !== 'string' || !(JSON_TYPE_NAMES as readonly string[]).includes(item)) {
          const shown = typeof item === 'string' ? `"${item}"` : describeType(item);
          const hint = typeof item === 'string' ? didYouMean(item, JSON_TYPE_NAMES) : '';
          issues.push({
            pointer: at,
            atKey: false,
            code: 'suite.badMatcher',
            detail: hint === '' ? `unknown type ${shown} in $type; expected one of ${JSON_TYPE_NAMES.join(', ')}` : `unknown type ${shown} in $type${hint}`,
          });
        }
      }
      return;
    }
    case '$exists':
      if (typeof arg !== 'boolean') bad(`$exists takes true or false, got ${describeType(arg)}`);
      return;
    case '$contains':
    case '$not':
      walk(arg, pointer, issues);
      return;
    case '$length':
      if (typeof arg === 'number' && Number.isInteger(arg) && arg >= 0) return;
      if (isMatcherObject(arg)) return walk(arg, pointer, issues);
      if (typeof arg === 'string' && /\{\{[^}]*\}\}/.test(arg)) return;
      return bad(`$length takes a non-negative integer or a matcher such as { $gte: 1 }, got ${describeType(arg)}`);
    case '$oneOf':
      if (!Array.isArray(arg) || arg.length === 0) return bad(`$oneOf takes a non-empty list of alternatives, got ${describeType(arg)}`);
      walk(arg, pointer, issues);
      return;
    case '$gte':
    case '$gt':
    case '$lte':
    case '$lt':
      if (typeof arg === 'number' || (typeof arg === 'string' && /^\s*\{\{[^}]*\}\}\s*$/.test(arg))) return;
      return bad(`${name} takes a number, got ${describeType(arg)}`);
    default: {
      const hint = didYouMean(name, MATCHER_NAMES);
      issues.push({
        pointer,
        atKey: true,
        code: 'suite.unknownMatcher',
        detail: hint === '' ? `unknown matcher "${name}"; expected one of ${MATCHER_NAMES.join(', ')}` : `unknown matcher "${name}"${hint}`,
      });
    }
  }
}

/** `string "abc"`, `integer 3`, `a list`, … for messages that compare types. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'integer' : 'number'} ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
