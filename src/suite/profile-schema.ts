// The JSON Schema (draft-07) of a profile file; suites/profile.schema.json is this object written out.
import { CAPABILITY_NAMES, NAME_PATTERN, SUITE_ID_PATTERN } from './suite-schema.js';

/** The profile format as a JSON Schema object. */
export const profileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'scim-check profile',
  description: 'Which Okta features an app has, and how Okta talks to it.',
  type: 'object',
  required: ['id', 'title', 'features'],
  properties: {
    id: { type: 'string', pattern: SUITE_ID_PATTERN },
    title: { type: 'string', minLength: 1 },
    variant: { enum: ['oin', 'aiw'], description: 'oin (OIN catalog app, default) | aiw (App Integration Wizard app)' },
    description: { type: 'string' },
    baseUrl: { type: 'string', pattern: '^https?://', description: 'Used when no --base-url is given.' },
    features: {
      type: 'object',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: { enum: ['on', 'off', 'unsupported'] },
      description: 'Feature key → on | off | unsupported; features not named are off.',
    },
    vars: { type: 'object', propertyNames: { pattern: NAME_PATTERN }, description: 'Overrides of suite variables.' },
    notes: { type: 'object', additionalProperties: { type: 'string' } },
    needs: {
      type: 'array',
      items: { enum: [...CAPABILITY_NAMES] },
      description: 'Capabilities the app cannot do without; a server declaring one unsupported fails.',
    },
    limits: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9._-]*\\.[A-Za-z0-9][A-Za-z0-9_-]*$' },
      additionalProperties: { type: 'string', minLength: 1 },
      description: 'suite.step → a limit the app documents, with its consequence for Okta; that step failing is reported, not failed.',
    },
    fixtures: {
      type: 'object',
      propertyNames: { minLength: 1 },
      additionalProperties: { type: 'string', minLength: 1 },
      description: 'Fixture a suite names ($fixture) → the fixture this app\'s Okta sends instead (a JSON file beside the profile or built in).',
    },
    attributes: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
      description: 'The user attributes the app\'s Okta attribute mapping sends; each is created, changed, cleared and read back.',
    },
  },
  additionalProperties: false,
} as const;
