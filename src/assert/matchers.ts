// The body matchers of the suite format (README "Body matchers"): a registry of pure functions, plus the strict
// subset predicate that nested matchers ($contains, $oneOf, $not, $length) apply to their arguments.
import { formatTyped, formatValue, jsonTypeOf } from '../shared/format-value.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { resolvePointer } from '../shared/json-pointer.js';
import { compileLinear } from '../shared/linear-regex.js';

export interface MatcherResult {
  passed: boolean;
  /** What was expected, worded to follow "expected " in a message. */
  describe: string;
}

/** `present` is false when the key is absent from the response (then `actual` is undefined). */
export type MatcherFn = (actual: unknown, present: boolean, arg: unknown) => MatcherResult;

const TYPE_NAMES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'] as const;

function compare(op: '≥' | '>' | '≤' | '<', test: (a: number, b: number) => boolean): MatcherFn {
  return (actual, present, arg) => ({
    passed: present && typeof actual === 'number' && typeof arg === 'number' && test(actual, arg),
    describe: `a number ${op} ${formatValue(arg)}`,
  });
}

/** Matcher name (with its `$`) → implementation. */
export const MATCHERS: Readonly<Record<string, MatcherFn>> = {
  $match: (actual, present, arg) => {
    const source = String(arg);
    // Linear-time engine: a pattern (with server values expanded into it) can never hang a run.
    const compiled = compileLinear(source);
    const note = compiled.ok ? '' : compiled.syntax ? ' (not a valid regular expression)' : ` (not run: ${compiled.reason})`;
    return {
      passed: present && typeof actual === 'string' && compiled.ok && compiled.regex.test(actual),
      describe: `a string matching /${source}/${note}`,
    };
  },
  $equalsIgnoreCase: (actual, present, arg) => ({
    passed: present && typeof actual === 'string' && typeof arg === 'string' && actual.toLowerCase() === arg.toLowerCase(),
    describe: `a string equal to ${formatValue(arg)} ignoring case`,
  }),
  $type: (actual, present, arg) => {
    const wanted = (Array.isArray(arg) ? arg : [arg]).map(String);
    const type = jsonTypeOf(actual);
    // Every integer is also a JSON number; the reverse is what `integer` rules out.
    const passed = present && (wanted.includes(type) || (type === 'integer' && wanted.includes('number')));
    return { passed, describe: `a value of type ${wanted.join(' or ')}` };
  },
  $exists: (_actual, present, arg) => ({
    passed: present === (arg !== false),
    describe: arg === false ? 'no value (key absent)' : 'a value (key present)',
  }),
  $contains: (actual, present, arg) => {
    let passed = false;
    if (present && Array.isArray(actual)) passed = actual.some((el) => matchesExpected(el, true, arg));
    else if (present && typeof actual === 'string' && typeof arg === 'string') passed = actual.includes(arg);
    const describe =
      typeof arg === 'string'
        ? `a string or array containing ${formatValue(arg)}`
        : `an array with an element that is ${describeExpected(arg)}`;
    return { passed, describe };
  },
  $length: (actual, present, arg) => {
    const length = present && (Array.isArray(actual) || typeof actual === 'string') ? actual.length : undefined;
    const passed = length !== undefined && matchesExpected(length, true, arg);
    const describe =
      typeof arg === 'number'
        ? `an array or string of length ${arg}`
        : `an array or string whose length is ${describeExpected(arg)}`;
    return { passed, describe };
  },
  $oneOf: (actual, present, arg) => {
    const alternatives = Array.isArray(arg) ? arg : [arg];
    return {
      passed: alternatives.some((alt) => matchesExpected(actual, present, alt)),
      describe: `one of: ${alternatives.map(describeExpected).join('; ')}`,
    };
  },
  $not: (actual, present, arg) => ({
    passed: !matchesExpected(actual, present, arg),
    describe: `not ${describeExpected(arg)}`,
  }),
  $gte: compare('≥', (a, b) => a >= b),
  $gt: compare('>', (a, b) => a > b),
  $lte: compare('≤', (a, b) => a <= b),
  $lt: compare('<', (a, b) => a < b),
};

/** Every matcher name, for the suite loader's "did you mean" and its schema. */
export const MATCHER_NAMES: readonly string[] = Object.keys(MATCHERS);

/**
 * True for a non-empty object whose keys all start with `$` (README "Body matchers"). `$ref` is a SCIM attribute
 * (RFC 7643 §2.4, group members), so an object holding it is matched field by field, as src/suite/ checks it.
 */
export function isMatcherObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$') && k !== '$ref');
}

/** Runs one matcher; an unknown name fails with a message saying so (the loader normally rejects it first). */
export function runMatcher(name: string, actual: unknown, present: boolean, arg: unknown): MatcherResult {
  const fn = Object.hasOwn(MATCHERS, name) ? MATCHERS[name] : undefined;
  if (fn === undefined) return { passed: false, describe: `a known matcher (${name} is not one)` };
  return fn(actual, present, arg);
}

/**
 * Strict subset match: named keys must match, others are ignored; arrays match element by element with the same
 * length; `"0"` is not `0`; keys starting with `/` are JSON pointers from the current value.
 */
export function matchesExpected(actual: unknown, present: boolean, expected: unknown): boolean {
  if (isMatcherObject(expected)) {
    return Object.entries(expected).every(([name, arg]) => runMatcher(name, actual, present, arg).passed);
  }
  if (!present) return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((el, i) => matchesExpected(actual[i], true, el))
    );
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(([key, sub]) => {
      const child = childOf(actual, key);
      return matchesExpected(child.value, child.present, sub);
    });
  }
  return actual === expected;
}

/** The child a subset key names: a plain key, or a JSON pointer when it starts with `/`. */
export function childOf(actual: Record<string, unknown>, key: string): { present: boolean; value: unknown } {
  if (key.startsWith('/')) return resolvePointer(actual, key);
  return Object.hasOwn(actual, key) ? { present: true, value: actual[key] } : { present: false, value: undefined };
}

/** What an expected value (literal or matcher) means, worded to follow "expected ". */
export function describeExpected(expected: unknown): string {
  if (isMatcherObject(expected)) {
    return Object.entries(expected)
      .map(([name, arg]) => runMatcher(name, undefined, false, arg).describe)
      .join(' and ');
  }
  if (Array.isArray(expected) || isPlainObject(expected)) return `${jsonTypeOf(expected)} matching ${formatValue(expected)}`;
  return formatTyped(expected);
}
