import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'reactivate-new-id',
  description: 'setting active true on an inactive user moves it to a new id; the old id answers 404',
  oktaSymptom: 'Okta keeps the old id, so later updates fail with 404; OIN test C9293 expects the same id (§2.8)',
  hooks: () => ({
    commit: (kind, old, attrs, store) =>
      kind === 'User' && old['active'] === false && attrs['active'] !== false ? store.moveUser(old.id, attrs) : undefined,
  }),
});
