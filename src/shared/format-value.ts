// How values read in check messages: JSON types named the way SCIM schemas name them, long values cut short.
import { isPlainObject } from './is-plain-object.js';

export type JsonTypeName = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'undefined';

const MAX_TEXT = 80;

/** The JSON type name of a value; a whole number is an `integer`, as in JSON Schema. */
export function jsonTypeOf(value: unknown): JsonTypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (isPlainObject(value)) return 'object';
  return 'undefined';
}

/** Cuts text to about 80 characters, marking the cut with an ellipsis. */
export function truncate(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The value as compact JSON, cut short: `"0"`, `0`, `{"a":1}`, `null`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  return truncate(JSON.stringify(value) ?? String(value));
}

/** The value with its type named: `integer 0`, `string "0"`, `null`, `array [1,2]`. */
export function formatTyped(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'null') return 'null';
  if (type === 'undefined') return 'nothing';
  return `${type} ${formatValue(value)}`;
}

/** The pair of values for a mismatch, typed only when their types differ (`expected integer 0, got string "0"`). */
export function formatMismatch(expected: unknown, actual: unknown): string {
  const typed = jsonTypeOf(expected) !== jsonTypeOf(actual);
  const show = typed ? formatTyped : formatValue;
  return `expected ${show(expected)}, got ${show(actual)}`;
}
