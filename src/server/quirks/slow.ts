import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'slow',
  description: 'every answer is delayed by MS milliseconds (slow=MS)',
  oktaSymptom: 'over 60 s Okta closes the socket; the Runscope suites fail steps over 600 ms (§1.3, §3.5)',
  takesValue: true,
  hooks: (ms) => ({
    intercept: async (_request, wait) => {
      if (ms !== undefined && ms > 0) await wait(ms);
      return undefined;
    },
  }),
});
