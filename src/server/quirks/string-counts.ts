import { defineQuirk } from '../quirk-hooks.js';

const COUNTS = ['totalResults', 'startIndex', 'itemsPerPage'];

export default defineQuirk({
  name: 'string-counts',
  description: 'ListResponse totalResults, startIndex and itemsPerPage are JSON strings ("1"), not integers',
  oktaSymptom: 'Test API Credentials may pass, then every assignment fails with "Sync user in external application: FAILURE" (§1.3, §4.2)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.action !== 'list' || op.error !== undefined || typeof answer.body !== 'object' || answer.body === null) return answer;
      const body = { ...(answer.body as Record<string, unknown>) };
      for (const key of COUNTS) if (typeof body[key] === 'number') body[key] = String(body[key]);
      return { ...answer, body };
    },
  }),
});
