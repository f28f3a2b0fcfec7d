import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'malformed-json-500',
  description: 'a request body that is not JSON crashes the handler: 500 instead of 400 invalidSyntax',
  oktaSymptom: 'none from Okta, which sends valid JSON; a 500 is retried by clients and hides the cause (§4.2)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.error?.scimType !== 'invalidSyntax' || !/not valid JSON/.test(op.error.message)) return answer;
      const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: 'SyntaxError: Unexpected token in JSON', status: '500' };
      return { ...answer, status: 500, body };
    },
  }),
});
