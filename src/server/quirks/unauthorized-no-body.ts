import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'unauthorized-no-body',
  description: '401 answers carry no body (as an API gateway sends them)',
  oktaSymptom: '"Error authenticating: null" or "Unauthorized"; the SPEC test "Check status 401" fails (§3.2, §4.1)',
  hooks: () => ({
    answer: (_op, answer) => (answer.status === 401 ? { ...answer, body: undefined, text: undefined, contentType: undefined } : answer),
  }),
});
