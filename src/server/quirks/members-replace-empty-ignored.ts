import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'members-replace-empty-ignored',
  description: 'a PATCH replace of members with [] is answered 200 but changes nothing',
  oktaSymptom: 'emptying a pushed group in Okta leaves its members in the app (§2.11, test plan C9317)',
  hooks: () => ({
    patchOps: (kind, ops) =>
      kind !== 'Group'
        ? ops
        : ops.filter((o) => !(o.op === 'replace' && o.path?.toLowerCase() === 'members' && Array.isArray(o.value) && o.value.length === 0)),
  }),
});
