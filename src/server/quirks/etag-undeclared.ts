import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'etag-undeclared',
  description: 'answers carry ETag headers although /ServiceProviderConfig declares etag.supported false',
  oktaSymptom: 'none in Okta, which ignores ETags; clients that trust the declaration are misled (§6)',
  hooks: () => ({
    answer: (op, answer) => {
      const body = answer.body as Record<string, unknown> | undefined;
      const version = (body?.['meta'] as Record<string, unknown> | undefined)?.['version'];
      if (op.error !== undefined || version === undefined) return answer;
      return { ...answer, headers: { ...answer.headers, etag: String(version) } };
    },
  }),
});
