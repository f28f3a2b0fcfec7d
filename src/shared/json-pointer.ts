// RFC 6901 JSON pointers: escaping, parsing and resolving against parsed JSON. Knows nothing of suites.
import { isPlainObject } from './is-plain-object.js';

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a pointer and one unescaped key: `joinPointer('/a', 'b/c')` → `/a/b~1c`. */
export function joinPointer(pointer: string, key: string | number): string {
  return `${pointer}/${escapePointerToken(String(key))}`;
}

/** Splits a pointer into unescaped tokens; `''` is the whole document. Returns undefined if it is not a pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  // ~1 before ~0, so that "~01" stays the literal "~1" (RFC 6901 §4).
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value a pointer designates, and whether it exists (a present `null` is present). */
export function resolvePointer(root: unknown, pointer: string): { present: boolean; value: unknown } {
  const tokens = parsePointer(pointer);
  if (tokens === undefined) return { present: false, value: undefined };
  let current: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      // Array indexes are decimal without leading zeros; "-" (past the end) never exists in a response.
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return { present: false, value: undefined };
      const index = Number(token);
      if (index >= current.length) return { present: false, value: undefined };
      current = current[index];
    } else if (isPlainObject(current)) {
      if (!Object.hasOwn(current, token)) return { present: false, value: undefined };
      current = current[token];
    } else {
      return { present: false, value: undefined };
    }
  }
  return { present: true, value: current };
}
