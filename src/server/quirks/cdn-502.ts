import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'cdn-502',
  description: 'every request gets a CDN-style plain-text "error code: 502" with status 502',
  oktaSymptom: '"Bad Gateway. Errors reported by remote server: Invalid JSON: Unrecognized token \'error\'" (§2.10, §4.2)',
  hooks: () => ({
    intercept: () => ({ status: 502, headers: {}, text: 'error code: 502', contentType: 'text/plain; charset=UTF-8' }),
  }),
});
