import { badRequest } from '../scim-http-error.js';
import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'patch-op-case-sensitive',
  description: 'PATCH op names must be lower case: "Replace" (as Entra ID sends) gets 400',
  oktaSymptom: 'none from Okta, which sends lower-case ops; Entra ID provisioning fails (§6)',
  hooks: () => ({
    patchBody: (body) => {
      const ops = body['Operations'];
      if (!Array.isArray(ops)) return;
      for (const o of ops) {
        const op = (o as Record<string, unknown> | null)?.['op'];
        if (typeof op === 'string' && op !== op.toLowerCase()) throw badRequest('invalidSyntax', `Unknown op "${op}".`);
      }
    },
  }),
});
