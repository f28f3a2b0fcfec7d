// The one test for "a JSON object": not an array, not null. Everything that walks parsed JSON uses it.

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
