import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'delete-unknown-204',
  description: 'DELETE of an id that does not exist answers 204 instead of 404 (RFC 7644 §3.6)',
  oktaSymptom: 'none visible in Okta; a delete sent to a wrong id looks successful (§2.13)',
  hooks: () => ({
    answer: (op, answer) =>
      op.action === 'delete' && answer.status === 404 ? { status: 204, headers: {}, contentType: undefined } : answer,
  }),
});
