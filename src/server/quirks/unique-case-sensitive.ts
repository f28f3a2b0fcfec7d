import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'unique-case-sensitive',
  description: 'userName uniqueness is checked case-exactly: "JANE@x" is created beside "jane@x" (RFC 7643 §4.1.1 says caseExact false)',
  oktaSymptom: 'a user assigned again in another case gets a second account in the app (§2.3, §2.4)',
  hooks: () => ({ uniqueness: 'exact' }),
});
