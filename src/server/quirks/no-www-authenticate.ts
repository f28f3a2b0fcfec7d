import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'no-www-authenticate',
  description: '401 answers carry no WWW-Authenticate header (RFC 7235 §3.1 and RFC 6750 §3 require one)',
  oktaSymptom: 'none in Okta, which shows the status; clients cannot tell which scheme to use (§1.2)',
  hooks: () => ({
    answer: (_op, answer) => {
      if (answer.status !== 401) return answer;
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => k.toLowerCase() !== 'www-authenticate'));
      return { ...answer, headers };
    },
  }),
});
