import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'create-200',
  description: 'POST answers 200 instead of 201 Created',
  oktaSymptom: 'the OIN SPEC test "Create Okta user with realistic values" fails (expects 201) (§3.2)',
  hooks: () => ({
    answer: (op, answer) => (op.action === 'create' && answer.status === 201 ? { ...answer, status: 200 } : answer),
  }),
});
