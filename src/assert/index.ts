// The assert module's public face: checks are values built from an exchange and an expectation.
// Nothing here loads ajv: schema validation needs `await prepareSchemas()` once before the first check.
export { checkExpectation, formatStatus } from './check-expectation.js';
export { MATCHER_NAMES, MATCHERS, isMatcherObject, matchesExpected, type MatcherFn, type MatcherResult } from './matchers.js';
export { OKTA_HINT_RULES, oktaHint, type OktaHintRule } from './okta-hints.js';
export { checkPaging, type PagingOptions } from './paging.js';
export { prepareSchemas, validateScim, type SchemaIssue, type ScimSchemaName } from './schema.js';
export type { Check, CheckContext, CheckKind } from './types.js';
