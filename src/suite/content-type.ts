// The media-type expectation every built-in step carries (the YAML suites through `defaults.expect`, the generated
// attribute suite in code): a response with a body is JSON, application/scim+json or application/json.
import type { Expectation } from './types.js';

export const JSON_CONTENT_TYPE: Omit<Expectation, 'pointer'> = {
  level: 'recommended',
  headers: { 'content-type': { $oneOf: [{ $exists: false }, { $match: '^application/(scim\\+)?json' }] } },
  why: 'RFC 7644 §3.1 and §8.1: SCIM answers are application/scim+json (application/json where the client asks for it, §3.8); Okta reads every answer as JSON (okta-protocol.md §1.3).',
  hint: 'Label every answer with a body, errors included, `Content-Type: application/scim+json; charset=utf-8`.',
};

/** The requirement (docs/requirements.md) that expectation checks. */
export const JSON_CONTENT_TYPE_CHECK = 'rfc7644-3.8-json-every-answer';
