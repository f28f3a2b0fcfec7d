import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'error-content-type-text',
  description: 'error answers carry a SCIM Error body but are labelled text/plain instead of application/scim+json (RFC 7644 §3.1, §3.12)',
  oktaSymptom: 'Okta may show the raw text instead of the Error detail; strict clients refuse the answer (§1.1, §4.1)',
  hooks: () => ({
    answer: (op, answer) => (op.error !== undefined && answer.body !== undefined ? { ...answer, contentType: 'text/plain; charset=utf-8' } : answer),
  }),
});
