import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'invalid-filter-200',
  description: 'a filter it cannot parse or does not support answers 200 with an empty list instead of 400 invalidFilter',
  oktaSymptom: 'a look-up Okta relies on that the server does not understand reads as "no such user": Okta creates a second account (§2.3)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.action !== 'list' || op.error?.scimType !== 'invalidFilter') return answer;
      const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };
      return { ...answer, status: 200, body };
    },
  }),
});
