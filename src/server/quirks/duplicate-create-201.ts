import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'duplicate-create-201',
  description: 'a POST /Users with an existing userName creates a second user (201) instead of 409 uniqueness',
  oktaSymptom: 'duplicate accounts in the app; the SPEC test "Expect failure when recreating user" fails (§3.2)',
  hooks: () => ({ uniqueness: 'off' }),
});
