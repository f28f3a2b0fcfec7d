import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'group-filter-case-sensitive',
  description: 'Group displayName eq compares case-exactly, although displayName is caseExact false (RFC 7643 §8.7.1)',
  oktaSymptom: 'none in Okta itself (its group link matches the exact name); other clients miss the group (§2.14)',
  hooks: () => ({ caseExactFilter: ['displayname'] }),
});
