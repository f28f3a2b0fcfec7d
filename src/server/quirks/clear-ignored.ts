import { defineQuirk } from '../quirk-hooks.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean => v === '' || v === null || (Array.isArray(v) && v.length === 0);

/** `next`, except that an empty value keeps what `old` held (inside name and extension objects too). */
function keepOld(old: Json, next: Json): Json {
  const out: Json = { ...next };
  for (const [key, value] of Object.entries(next)) {
    const before = old[key];
    if (isEmpty(value) && before !== undefined && !isEmpty(before)) out[key] = before;
    else if (isObject(value) && isObject(before)) out[key] = keepOld(before, value);
  }
  return out;
}

export default defineQuirk({
  name: 'clear-ignored',
  description: 'a user attribute sent empty ("" or []) in a PUT or PATCH keeps its old value instead of being cleared',
  oktaSymptom: 'an attribute cleared in Okta stays set in the app, and Okta, which believes it cleared it, never pushes it again (§2.6)',
  hooks: () => ({
    commit: (kind, old, attrs, store) => (kind === 'User' ? store.replace(kind, old.id, keepOld(store.attributesOf(old), attrs)) : undefined),
  }),
});
