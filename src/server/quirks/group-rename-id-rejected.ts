import { isObject } from '../normalize-resource.js';
import { badRequest } from '../scim-http-error.js';
import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'group-rename-id-rejected',
  description: 'a group PATCH whose value carries "id" (Okta\'s rename shape) is refused with 400 mutability',
  oktaSymptom: 'group push and every membership change fail, since Okta renames after each one (§2.11, §2.12)',
  hooks: () => ({
    patchOps: (kind, ops) => {
      const withId = ops.some((o) => o.path === undefined && isObject(o.value) && Object.keys(o.value).some((k) => k.toLowerCase() === 'id'));
      if (kind === 'Group' && withId) throw badRequest('mutability', 'Attribute "id" is readOnly and cannot be replaced.');
      return ops;
    },
  }),
});
