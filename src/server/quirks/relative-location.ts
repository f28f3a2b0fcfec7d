import { defineQuirk } from '../quirk-hooks.js';

/** Cuts scheme and host off a URL, keeping the path ("/scim/v2/Users/…"). */
function relative(url: unknown): unknown {
  return typeof url === 'string' ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '') : url;
}

function rewrite(resource: unknown): unknown {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return resource;
  const out = { ...(resource as Record<string, unknown>) };
  const meta = out['meta'];
  if (typeof meta === 'object' && meta !== null) out['meta'] = { ...meta, location: relative((meta as Record<string, unknown>)['location']) };
  if (Array.isArray(out['Resources'])) out['Resources'] = out['Resources'].map(rewrite);
  return out;
}

export default defineQuirk({
  name: 'relative-location',
  description: 'meta.location and the Location header are relative paths ("/scim/v2/Users/…"), not the absolute URIs RFC 7643 §3.1 requires',
  oktaSymptom: 'none in Okta, which builds URLs from the base URL and the id; clients that follow meta.location break (§6)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.error !== undefined) return answer;
      const headers = { ...answer.headers };
      if (headers['location'] !== undefined) headers['location'] = String(relative(headers['location']));
      return { ...answer, headers, body: rewrite(answer.body) };
    },
  }),
});
