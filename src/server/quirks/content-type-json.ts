import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'content-type-json',
  description: 'answers are labelled application/json instead of application/scim+json (RFC 7644 §3.1, §8.1)',
  oktaSymptom: 'none: Okta parses either; strict SCIM clients may refuse the answer (§1.1)',
  hooks: () => ({
    answer: (_op, answer) =>
      answer.contentType?.startsWith('application/scim+json') === true ? { ...answer, contentType: 'application/json; charset=utf-8' } : answer,
  }),
});
