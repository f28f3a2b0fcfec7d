// The detailed subset match behind `expect.body`: walks the expected tree and yields one outcome per leaf compared
// (a literal or a matcher), so every mismatch is reported, each at its own response and suite pointer.
import { formatMismatch, formatTyped, formatValue, jsonTypeOf } from '../shared/format-value.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { joinPointer } from '../shared/json-pointer.js';
import { childOf, isMatcherObject, runMatcher } from './matchers.js';

export interface LeafOutcome {
  /** JSON pointer into the response body. */
  pointer: string;
  /** JSON pointer of the expected value relative to the expectation's `body` key (escaped keys, '' = body). */
  suitePointer: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
  message: string;
}

const ABSENT = 'nothing (key absent)';
const REDACTED = '[redacted]';
const SECRET_POINTER = /(^|\/)password$/i;

/** Compares `actual` with the expected tree; `present` is false when the key is absent. */
export function matchBody(actual: unknown, expected: unknown, present = true): LeafOutcome[] {
  const out: LeafOutcome[] = [];
  walk(actual, present, expected, '', '', out);
  return out;
}

function walk(actual: unknown, present: boolean, expected: unknown, pointer: string, suitePointer: string, out: LeafOutcome[]): void {
  // Exchanges arrive redacted; this is a second guard, since a server echoing `password` is what suites look for.
  const secret = SECRET_POINTER.test(pointer);
  const at = { pointer, suitePointer, actual: !present ? undefined : secret ? REDACTED : actual };
  const label = pointer === '' ? 'body' : pointer;
  const typed = (v: unknown): string => (secret ? `${jsonTypeOf(v)} (value redacted)` : formatTyped(v));

  if (isMatcherObject(expected)) {
    // One outcome per matcher key: `{ $gte: 1, $lte: 5 }` reports each bound on its own.
    for (const [name, arg] of Object.entries(expected)) {
      const result = runMatcher(name, actual, present, arg);
      const got = present ? typed(actual) : ABSENT;
      out.push({
        ...at,
        expected: { [name]: arg },
        passed: result.passed,
        message: result.passed ? `${label} is ${result.describe}` : `expected ${result.describe}, got ${got}`,
      });
    }
    return;
  }

  if (!present) {
    out.push({ ...at, expected, passed: false, message: `expected ${describeLiteral(expected)}, got ${ABSENT}` });
    return;
  }

  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ ...at, expected, passed: false, message: `expected ${describeLiteral(expected)}, got ${typed(actual)}` });
      return;
    }
    if (actual.length !== expected.length) {
      // Element-wise comparison means nothing once lengths differ (one missing element shifts all the rest).
      out.push({
        ...at,
        expected,
        passed: false,
        message: `expected an array of ${count(expected.length)}, got an array of ${count(actual.length)}`,
      });
      return;
    }
    if (expected.length === 0) {
      out.push({ ...at, expected, passed: true, message: `${label} is an empty array` });
      return;
    }
    expected.forEach((el, i) => walk(actual[i], true, el, joinPointer(pointer, i), joinPointer(suitePointer, i), out));
    return;
  }

  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push({ ...at, expected, passed: false, message: `expected an object, got ${typed(actual)}` });
      return;
    }
    const entries = Object.entries(expected);
    if (entries.length === 0) {
      out.push({ ...at, expected, passed: true, message: `${label} is an object` });
      return;
    }
    for (const [key, sub] of entries) {
      const child = childOf(actual, key);
      // A pointer key is already a pointer from here; a plain key is one escaped token.
      const childPointer = key.startsWith('/') ? `${pointer}${key}` : joinPointer(pointer, key);
      walk(child.value, child.present, sub, childPointer, joinPointer(suitePointer, key), out);
    }
    return;
  }

  const passed = actual === expected;
  let message = passed ? `${label} is ${formatValue(expected)}` : formatMismatch(expected, actual);
  if (secret) message = passed ? `${label} is the expected value` : `expected ${label} to be the value the suite gave, got ${typed(actual)}`;
  out.push({ ...at, expected: secret ? REDACTED : expected, passed, message });
}

function describeLiteral(expected: unknown): string {
  const type = jsonTypeOf(expected);
  if (type === 'array') return `an array of ${count((expected as unknown[]).length)}`;
  if (type === 'object') return 'an object';
  return formatTyped(expected);
}

function count(n: number): string {
  return n === 1 ? '1 element' : `${n} elements`;
}
