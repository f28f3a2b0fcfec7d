import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'no-location',
  description: '201 Created answers carry no Location header (RFC 7644 §3.3 requires it, equal to meta.location)',
  oktaSymptom: 'none in Okta, which reads the id from the body; generic SCIM clients cannot find the new resource (§2.4)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.action !== 'create' || op.error !== undefined) return answer;
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => k.toLowerCase() !== 'location'));
      return { ...answer, headers };
    },
  }),
});
