import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'error-status-integer',
  description: 'SCIM Error bodies carry "status" as a JSON integer instead of the string RFC 7644 §3.12 requires',
  oktaSymptom: 'Okta copes; strict clients and the SPEC test\'s string comparison may not (§6)',
  hooks: () => ({
    answer: (op, answer) => {
      const body = answer.body as Record<string, unknown> | undefined;
      if (op.error === undefined || typeof body?.['status'] !== 'string') return answer;
      return { ...answer, body: { ...body, status: Number(body['status']) } };
    },
  }),
});
