import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'deactivate-deletes',
  description: 'setting active false (PATCH or PUT) deletes the user',
  oktaSymptom: 'reassignment creates a new account and the CRUD test "Verify if user is deactivated" gets 404 (§2.7, §3.4)',
  hooks: () => ({
    commit: (kind, old, attrs, store) => {
      if (kind !== 'User' || old['active'] === false || attrs['active'] !== false) return undefined;
      const r = store.replace(kind, old.id, attrs);
      store.remove(kind, old.id);
      return r;
    },
  }),
});
