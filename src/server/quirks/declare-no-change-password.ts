import { badRequest } from '../scim-http-error.js';
import { defineQuirk } from '../quirk-hooks.js';
import { isObject } from '../normalize-resource.js';

function setsPassword(value: unknown, path: string | undefined): boolean {
  if (path !== undefined) return path.toLowerCase() === 'password';
  return isObject(value) && Object.keys(value).some((k) => k.toLowerCase() === 'password');
}

export default defineQuirk({
  name: 'declare-no-change-password',
  description: 'not a bug: /ServiceProviderConfig declares changePassword.supported false and password changes get 400, consistently',
  oktaSymptom: 'Sync Password must stay off for this app; scim-check reports the feature unsupported, as declared (§2.9)',
  hooks: () => ({
    serviceProviderConfig: (config) => ({ ...config, changePassword: { supported: false } }),
    patchOps: (kind, ops) => {
      if (kind === 'User' && ops.some((o) => setsPassword(o.value, o.path))) {
        throw badRequest('mutability', 'This server does not support changing passwords (changePassword.supported is false).');
      }
      return ops;
    },
  }),
});
