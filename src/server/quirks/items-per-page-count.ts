import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'items-per-page-count',
  description: 'itemsPerPage echoes the count asked for, not the number of Resources in the page (RFC 7644 §3.4.2)',
  oktaSymptom: 'Okta pages by totalResults and copes; clients that trust itemsPerPage read past the page (§2.2)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.action !== 'list' || op.error !== undefined || typeof answer.body !== 'object' || answer.body === null) return answer;
      const asked = Number(op.query.get('count') ?? '100');
      return { ...answer, body: { ...(answer.body as Record<string, unknown>), itemsPerPage: Number.isInteger(asked) ? asked : 100 } };
    },
  }),
});
