// The JSON Schema (draft-07) of the suite YAML format; `validate` and the loader check files against it and
// suites/suite.schema.json is this object written out (pinned by test/suite/suite-schema.test.ts).
// Matcher trees (expect.body/headers) and request bodies are free-form here and checked by matchers.ts.
import { SCHEMA_NAMES } from '../shared/scim-schema-names.js';
import { HEADER_SET_NAMES } from './header-sets.js';

/** HTTP methods a step may send. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** A suite or step id: lower case letters, digits, '.', '-', '_' (README "The suite format"). */
export const SUITE_ID_PATTERN = '^[a-z0-9][a-z0-9._-]*$';
/** A step id: no '.', since `--only suite.step` splits on it. */
export const STEP_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$';
/** A requirement id of docs/requirements.md: rfc7644-3.3-location, okta-create-201, … */
export const REQUIREMENT_ID_PATTERN = '^[a-z0-9][a-z0-9.-]*$';
/** /ServiceProviderConfig capabilities (RFC 7643 §5) a step may need. */
export const CAPABILITY_NAMES = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'] as const;
/** Names usable as template roots: variables and captures. */
export const NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
/** Capture sources: body.<path>, header.<name>, status (runner/captures.ts reads them). */
export const CAPTURE_SOURCE_PATTERN = '^(status|body(\\.[^.\\s?]+)*|header\\.[A-Za-z0-9!#$%&\'*+.^_`|~-]+)\\??$';

const level = { enum: ['required', 'recommended', 'optional'], description: 'required (default) | recommended | optional' };
/** Request headers: name → value, plus `$use: <header set>` (README "Header sets"). */
const requestHeaders = {
  type: 'object',
  properties: { $use: { enum: HEADER_SET_NAMES, description: `A named header set: ${HEADER_SET_NAMES.join(', ')}.` } },
  additionalProperties: { type: ['string', 'number'] },
};
const strings = { type: 'array', items: { type: 'string' } };

const requestFields = {
  required: ['method', 'path'],
  properties: {
    method: { enum: [...METHODS] },
    path: { type: 'string', pattern: '^(/|\\{\\{)', description: 'Appended to the base URL; starts with /.' },
    query: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
      description: 'Sent in this order, percent-encoded (space as %20).',
    },
    rawQuery: { type: 'string', description: 'Sent verbatim instead of query.' },
    headers: requestHeaders,
    body: { description: 'JSON; { $fixture: path } at the top reads fixtures/, sibling keys override.' },
    rawBody: { type: 'string', description: 'Text sent verbatim instead of body.' },
  },
  additionalProperties: false,
};

const expectationFields = {
  properties: {
    status: {
      type: ['integer', 'array'],
      minimum: 100,
      maximum: 599,
      minItems: 1,
      items: { type: 'integer', minimum: 100, maximum: 599 },
      description: 'A status or a list of acceptable ones.',
    },
    headers: { type: 'object', description: 'Header name → string or matcher.' },
    body: { description: 'Subset match with strict types; $-matchers; keys starting with / are JSON pointers.' },
    schema: { enum: [...SCHEMA_NAMES] },
    maxTimeMs: { type: 'integer', minimum: 1 },
    level,
    why: { type: 'string' },
    hint: { type: 'string' },
  },
  additionalProperties: false,
};

/** The suite format as a JSON Schema object. */
export const suiteSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'scim-check suite',
  description: 'A scim-check suite: the Okta SCIM calls of one feature, replayed step by step.',
  type: 'object',
  required: ['id', 'title', 'steps'],
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema of this file, for editors (ignored by scim-check).' },
    id: { type: 'string', pattern: SUITE_ID_PATTERN },
    title: { type: 'string', minLength: 1 },
    okta: { type: 'string', description: 'The Okta provisioning feature it replays, as Okta names it.' },
    feature: { type: 'string', pattern: NAME_PATTERN, description: 'The profile key that turns it on, off or unsupported.' },
    level,
    tags: strings,
    description: { type: 'string' },
    vars: { type: 'object', propertyNames: { pattern: NAME_PATTERN }, description: 'Expanded once per run, in order.' },
    secrets: {
      type: 'array',
      items: { type: 'string', pattern: NAME_PATTERN },
      uniqueItems: true,
      description: 'Request-body members (any depth, any case) whose values are secrets, as `password` always is: never shown, and redacted wherever a server repeats them, in any form.',
    },
    defaults: {
      type: 'object',
      properties: {
        headers: { ...requestHeaders, description: 'Sent with every request and cleanup; a request\'s own headers win.' },
        expect: {
          type: ['object', 'array'],
          minItems: 1,
          items: { $ref: '#/definitions/expectation' },
          allOf: [{ $ref: '#/definitions/expectationFields' }],
          description: 'Expectations every step checks besides its own (such as the media type of every answer).',
        },
        checks: {
          type: 'array',
          items: { type: 'string', pattern: REQUIREMENT_ID_PATTERN },
          description: 'Requirement ids every step checks (through defaults.expect), added to each step\'s own.',
        },
      },
      additionalProperties: false,
      description: 'Settings every step shares.',
    },
    steps: { type: 'array', minItems: 1, items: { $ref: '#/definitions/step' } },
  },
  additionalProperties: false,
  definitions: {
    requestFields,
    request: { type: 'object', allOf: [{ $ref: '#/definitions/requestFields' }] },
    expectationFields,
    expectation: { type: 'object', allOf: [{ $ref: '#/definitions/expectationFields' }] },
    step: {
      type: 'object',
      required: ['id', 'title', 'request'],
      properties: {
        id: { type: 'string', pattern: STEP_ID_PATTERN },
        title: { type: 'string', minLength: 1 },
        level,
        why: { type: 'string' },
        tags: strings,
        checks: {
          type: 'array',
          items: { type: 'string', pattern: REQUIREMENT_ID_PATTERN },
          description: 'Ids of the requirements (docs/requirements.md) this step checks.',
        },
        when: {
          type: 'object',
          properties: {
            variant: { enum: ['oin', 'aiw'] },
            support: { enum: ['on', 'unsupported', 'any'] },
            features: { type: 'array', minItems: 1, items: { type: 'string' } },
            capability: { enum: [...CAPABILITY_NAMES], description: 'A /ServiceProviderConfig capability the step needs.' },
            declared: {
              type: 'object',
              propertyNames: { enum: [...CAPABILITY_NAMES] },
              additionalProperties: { type: 'boolean' },
              description: 'Run only when /ServiceProviderConfig declares these values.',
            },
          },
          additionalProperties: false,
        },
        request: { $ref: '#/definitions/request' },
        expect: {
          type: ['object', 'array'],
          minItems: 1,
          items: { $ref: '#/definitions/expectation' },
          allOf: [{ $ref: '#/definitions/expectationFields' }],
          description: 'One mapping, or a list of mappings each with its own level and why.',
        },
        paging: {
          type: 'object',
          properties: { count: { type: 'integer', minimum: 1 }, maxPages: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
        capture: {
          type: 'object',
          propertyNames: { pattern: NAME_PATTERN },
          additionalProperties: { type: 'string', pattern: CAPTURE_SOURCE_PATTERN },
        },
        cleanup: {
          type: ['object', 'array'],
          minItems: 1,
          items: { $ref: '#/definitions/request' },
          allOf: [{ $ref: '#/definitions/requestFields' }],
          description: 'A request, or a list tried in order until one succeeds.',
        },
      },
      additionalProperties: false,
    },
  },
} as const;
