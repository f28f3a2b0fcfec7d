import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'create-empty-body',
  description: 'POST /Users and POST /Groups answer 201 with an empty body',
  oktaSymptom: '"Error while creating user …: Create new user returned empty user." (§2.4)',
  hooks: () => ({
    answer: (op, answer) => (op.action === 'create' && op.error === undefined ? { ...answer, body: undefined, contentType: undefined } : answer),
  }),
});
