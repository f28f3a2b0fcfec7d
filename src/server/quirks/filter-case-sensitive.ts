import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'filter-case-sensitive',
  description: 'userName eq compares case-exactly, although userName is caseExact false (RFC 7643 §4.1.1)',
  oktaSymptom: 'the existence check misses "Jane@x" for "jane@x", Okta POSTs and gets "Conflict. Errors reported by remote server" (§2.3, §4.2)',
  hooks: () => ({ caseExactFilter: ['username'] }),
});
