// Two ways servers fail Okta's path-less PATCH (deactivation, group rename): a refusal and a crash.
import { ScimHttpError, badRequest } from '../scim-http-error.js';
import { defineQuirk } from '../quirk-hooks.js';

export const patchPathless400 = defineQuirk({
  name: 'patch-pathless-400',
  description: 'a PATCH operation without "path" (Okta deactivation, group rename) is refused with 400 invalidPath',
  oktaSymptom: 'deactivation and group rename fail with "Bad Request. Errors reported by remote server: …" (§2.7, §4.2)',
  hooks: () => ({
    patchOps: (_kind, ops) => {
      if (ops.some((o) => o.path === undefined)) throw badRequest('invalidPath', 'Every PATCH operation needs a "path".');
      return ops;
    },
  }),
});

export const patchPathless500 = defineQuirk({
  name: 'patch-pathless-500',
  description: 'a PATCH operation without "path" crashes the server: 500 with an internal error text',
  oktaSymptom: 'deactivation and group rename fail with "Internal Server Error"; users stay active in the app (§2.7)',
  hooks: () => ({
    patchOps: (_kind, ops) => {
      if (ops.some((o) => o.path === undefined)) throw new ScimHttpError(500, "TypeError: Cannot read properties of undefined (reading 'split')");
      return ops;
    },
  }),
});
