import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'patch-errors-ignored',
  description: 'a PATCH it cannot apply (remove without path, a path naming no attribute) answers 200 and changes nothing',
  oktaSymptom: 'an update Okta believes applied was dropped: the app and Okta disagree silently (§2.6, §2.11)',
  hooks: () => ({
    swallowPatchError: (error) => error.scimType === 'noTarget' || error.scimType === 'invalidPath',
  }),
});
