import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'scimtype-on-404',
  description: '404 Error bodies carry a scimType, which RFC 7644 §3.12 defines only for 400, 409 and 413',
  oktaSymptom: 'none in Okta; clients that branch on scimType misread a missing resource as a bad request (§6)',
  hooks: () => ({
    answer: (op, answer) => {
      const body = answer.body as Record<string, unknown> | undefined;
      if (op.error === undefined || answer.status !== 404 || typeof body !== 'object') return answer;
      return { ...answer, body: { ...body, scimType: 'invalidValue' } };
    },
  }),
});
