import { beforeAll, describe, expect, it } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { describeErrors, prepareSchemas, validateScim } from '../../src/assert/schema.js';
import { SCHEMA_NAMES } from '../../src/shared/scim-schema-names.js';

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// okta-protocol.md §2.4 (create body as Okta sends it, plus the id and meta a server adds).
const oktaUser = {
  schemas: [USER_URN],
  id: '23a35c27-23d3-4c03-b4c5-6443c09e7173',
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  active: true,
  meta: {
    resourceType: 'User',
    created: '2021-02-22T04:24:13.000Z',
    lastModified: '2021-02-22T04:24:13.000Z',
    location: 'https://example.com/scim/v2/Users/23a35c27-23d3-4c03-b4c5-6443c09e7173',
    version: 'W/"1"',
  },
};

// okta-protocol.md §5.7 (Postman's list example).
const postmanList = {
  schemas: [LIST_URN],
  totalResults: 2,
  startIndex: 1,
  itemsPerPage: 2,
  Resources: [
    {
      schemas: [USER_URN],
      id: '405775fe15ed41872a8eea4c8aa2b38cda9749812cc55c99',
      userName: 'taylor.lee@example.com',
      name: { givenName: 'Taylor', familyName: 'Lee' },
      externalId: '12345678',
      active: true,
      meta: { resourceType: 'User', created: '2021-02-22T04:24:13.000Z', lastModified: '2021-02-22T04:24:13.000Z' },
    },
  ],
};

const oktaGroup = {
  schemas: [GROUP_URN],
  id: 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
  displayName: 'Test SCIMv2',
  members: [{ value: '23a35c27-23d3-4c03-b4c5-6443c09e7173', display: 'test.user@okta.local' }],
  meta: { resourceType: 'Group' },
};

const messages = (name: Parameters<typeof validateScim>[0], value: unknown): string[] =>
  validateScim(name, value).map((i) => i.message);

describe('validateScim before prepareSchemas', () => {
  it('throws an InternalError naming the schema', async () => {
    // Each vitest file runs in its own module graph, so nothing is prepared yet here.
    expect(() => validateScim('User', {})).toThrow(InternalError);
    expect(() => validateScim('User', {})).toThrow(/"User" was used before prepareSchemas/);
  });
});

describe('SCIM schemas', () => {
  beforeAll(async () => {
    await prepareSchemas();
  });

  it('compiles every schema name', () => {
    for (const name of SCHEMA_NAMES) expect(() => validateScim(name, {})).not.toThrow();
  });

  it('prepareSchemas is idempotent', async () => {
    await prepareSchemas();
    expect(validateScim('User', oktaUser)).toEqual([]);
  });

  describe('User', () => {
    it('accepts Okta create body with id and meta', () => {
      expect(validateScim('User', oktaUser)).toEqual([]);
    });

    it('accepts the Enterprise extension under its URN and unknown server attributes', () => {
      const user = {
        ...oktaUser,
        schemas: [USER_URN, ENTERPRISE_URN],
        [ENTERPRISE_URN]: { employeeNumber: '42', department: 'R&D', manager: { value: 'x', displayName: 'Boss' } },
        'urn:example:custom': { anything: 1 },
      };
      expect(validateScim('User', user)).toEqual([]);
    });

    it('accepts null for singular optional attributes (RFC 7643 §2.5)', () => {
      expect(validateScim('User', { ...oktaUser, title: null, name: { givenName: 'A', middleName: null } })).toEqual([]);
    });

    it('reports each problem by pointer with the actual value', () => {
      const bad = {
        schemas: ['urn:wrong'],
        active: 'true',
        emails: { value: 'x' },
        name: { givenName: 7 },
        meta: { created: 'yesterday', location: 'not a uri' },
      };
      expect(messages('User', bad)).toMatchInlineSnapshot(`
        [
          "/meta/created must be a valid date-time, got string "yesterday"",
          "/meta/location must be a valid uri, got string "not a uri"",
          "/userName is required, got nothing (key absent)",
          "/schemas must contain "urn:ietf:params:scim:schemas:core:2.0:User", got array ["urn:wrong"]",
          "/name/givenName must be string or null, got integer 7",
          "/active must be boolean or null, got string "true"",
          "/emails must be array, got object {"value":"x"}",
        ]
      `);
      expect(validateScim('User', bad).map((i) => i.pointer)).toContain('/active');
    });

    it('rejects a non-object body', () => {
      expect(messages('User', [oktaUser])).toEqual(['body must be object, got array [{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"23a35c27-23d3-…']);
    });

    it('redacts a password value in messages', () => {
      const issues = validateScim('User', { ...oktaUser, password: 12345678 });
      expect(issues).toEqual([{ pointer: '/password', message: '/password must be string or null, got a value (redacted)', actual: '[redacted]' }]);
    });
  });

  describe('Group', () => {
    it('accepts an Okta-pushed group, with or without members', () => {
      expect(validateScim('Group', oktaGroup)).toEqual([]);
      const { members: _members, ...withoutMembers } = oktaGroup;
      expect(validateScim('Group', withoutMembers)).toEqual([]);
      expect(validateScim('Group', { ...oktaGroup, members: [] })).toEqual([]);
    });

    it('requires displayName and member values; members may not be null', () => {
      expect(messages('Group', { schemas: [GROUP_URN], members: [{ display: 'x' }] })).toEqual([
        '/displayName is required, got nothing (key absent)',
        '/members/0/value is required, got nothing (key absent)',
      ]);
      expect(messages('Group', { ...oktaGroup, members: null })).toEqual(['/members must be array, got null']);
    });
  });

  describe('ListResponse', () => {
    it("accepts Okta's empty filter result and Postman's list", () => {
      const empty = { schemas: [LIST_URN], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };
      expect(validateScim('ListResponse', empty)).toEqual([]);
      expect(validateScim('ListResponse', { schemas: [LIST_URN], totalResults: 0 })).toEqual([]);
      expect(validateScim('ListResponse', postmanList)).toEqual([]);
      expect(validateScim('UserListResponse', postmanList)).toEqual([]);
    });

    it('fails string counts at their pointers', () => {
      const issues = validateScim('ListResponse', { ...postmanList, totalResults: '1', startIndex: '1', itemsPerPage: 1 });
      expect(issues.map((i) => i.pointer)).toEqual(['/totalResults', '/startIndex']);
      expect(issues[0]).toEqual({ pointer: '/totalResults', message: '/totalResults must be integer, got string "1"', actual: '1' });
    });

    it('requires Resources when totalResults is above 0, without if/then noise', () => {
      expect(messages('ListResponse', { schemas: [LIST_URN], totalResults: 3 })).toEqual(['/Resources is required, got nothing (key absent)']);
    });

    it('rejects a negative total, a zero startIndex and the wrong URN', () => {
      expect(messages('ListResponse', { schemas: [ERROR_URN], totalResults: -1, startIndex: 0, Resources: [] })).toEqual([
        `/schemas must contain "${LIST_URN}", got array ["${ERROR_URN}"]`,
        '/totalResults must be >= 0, got integer -1',
        '/startIndex must be >= 1, got integer 0',
      ]);
    });

    it('UserListResponse and GroupListResponse check their items', () => {
      const list = { ...postmanList, Resources: [{ schemas: [USER_URN], id: 'x' }] };
      expect(messages('UserListResponse', list)).toEqual(['/Resources/0/userName is required, got nothing (key absent)']);
      expect(validateScim('GroupListResponse', { ...postmanList, Resources: [oktaGroup] })).toEqual([]);
      expect(messages('GroupListResponse', postmanList)).toEqual([
        '/Resources/0/displayName is required, got nothing (key absent)',
        `/Resources/0/schemas must contain "${GROUP_URN}", got array ["${USER_URN}"]`,
      ]);
    });
  });

  describe('Error and ErrorLenient', () => {
    const rfcError = { schemas: [ERROR_URN], detail: 'User not found', status: '404' };
    const oktaError = { schemas: [ERROR_URN], detail: 'User not found', status: 404 };

    it('Error wants status as a string of digits (RFC 7644 §3.12)', () => {
      expect(validateScim('Error', rfcError)).toEqual([]);
      expect(validateScim('Error', { ...rfcError, scimType: 'uniqueness' })).toEqual([]);
      expect(messages('Error', oktaError)).toEqual(['/status must be string, got integer 404']);
      expect(messages('Error', { ...rfcError, status: 'Not Found' })).toEqual(['/status must match pattern "^[1-5][0-9][0-9]$", got string "Not Found"']);
      expect(messages('Error', { detail: 'x' })).toEqual([
        '/schemas is required, got nothing (key absent)',
        '/status is required, got nothing (key absent)',
      ]);
    });

    it('ErrorLenient also accepts the integer status Okta shows in its examples (okta-protocol.md §2.3)', () => {
      expect(validateScim('ErrorLenient', oktaError)).toEqual([]);
      expect(validateScim('ErrorLenient', rfcError)).toEqual([]);
      expect(messages('ErrorLenient', { ...rfcError, status: true })).toEqual(['/status must be string or integer, got boolean true']);
      expect(messages('ErrorLenient', { ...rfcError, status: 42 })).toEqual(['/status must be >= 100, got integer 42']);
    });
  });

  describe('PatchOp', () => {
    it("accepts Okta's no-path deactivate and group membership ops, and Entra's capitalised op", () => {
      expect(validateScim('PatchOp', { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { active: false } }] })).toEqual([]);
      expect(
        validateScim('PatchOp', {
          schemas: [PATCH_URN],
          Operations: [
            { op: 'remove', path: 'members[value eq "89bb1940"]' },
            { op: 'add', path: 'members', value: [{ value: '23a35c27', display: 'test.user@okta.local' }] },
          ],
        }),
      ).toEqual([]);
      expect(validateScim('PatchOp', { schemas: [PATCH_URN], Operations: [{ op: 'Replace', path: 'active', value: false }] })).toEqual([]);
    });

    it('rejects an unknown op, a remove without path and empty Operations', () => {
      expect(messages('PatchOp', { schemas: [PATCH_URN], Operations: [{ op: 'merge' }, { op: 'remove' }] })).toEqual([
        '/Operations/0/op must match pattern "^([Aa][Dd][Dd]|[Rr][Ee][Mm][Oo][Vv][Ee]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee])$", got string "merge"',
        '/Operations/1/path is required, got nothing (key absent)',
      ]);
      expect(messages('PatchOp', { schemas: [PATCH_URN], Operations: [] })).toEqual(['/Operations must NOT have fewer than 1 items, got array []']);
    });
  });

  describe('discovery resources', () => {
    const spc = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Bearer token', primary: true }],
    };

    it('ServiceProviderConfig (RFC 7643 §5)', () => {
      expect(validateScim('ServiceProviderConfig', spc)).toEqual([]);
      const { etag: _etag, ...noEtag } = spc;
      expect(messages('ServiceProviderConfig', { ...noEtag, filter: { supported: 'yes' } })).toEqual([
        '/etag is required, got nothing (key absent)',
        '/filter/maxResults is required, got nothing (key absent)',
        '/filter/supported must be boolean, got string "yes"',
      ]);
    });

    it('ResourceType (RFC 7643 §6)', () => {
      const rt = {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        schema: USER_URN,
        schemaExtensions: [{ schema: ENTERPRISE_URN, required: false }],
      };
      expect(validateScim('ResourceType', rt)).toEqual([]);
      expect(messages('ResourceType', { ...rt, endpoint: undefined, schemaExtensions: [{ schema: ENTERPRISE_URN }] })).toEqual([
        '/endpoint is required, got nothing (key absent)',
        '/schemaExtensions/0/required is required, got nothing (key absent)',
      ]);
    });

    it('Schema (RFC 7643 §7), with nested subAttributes', () => {
      const schema = {
        id: USER_URN,
        name: 'User',
        attributes: [
          { name: 'userName', type: 'string', multiValued: false, required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server' },
          { name: 'name', type: 'complex', subAttributes: [{ name: 'givenName', type: 'string' }] },
        ],
      };
      expect(validateScim('Schema', schema)).toEqual([]);
      const bad = { ...schema, attributes: [{ name: 'name', type: 'complex', subAttributes: [{ name: 'x', type: 'text' }] }] };
      expect(messages('Schema', bad)).toEqual([
        '/attributes/0/subAttributes/0/type must be one of "string", "boolean", "decimal", "integer", "dateTime", "reference", "complex", "binary", got string "text"',
      ]);
    });
  });
});

describe('describeErrors', () => {
  it('keeps the closest anyOf branch and drops the umbrella error', () => {
    const errors = [
      { instancePath: '/status', schemaPath: '#/anyOf/0/type', keyword: 'type', params: { type: 'string' }, message: 'must be string', data: 4 },
      { instancePath: '/status', schemaPath: '#/anyOf/1/minimum', keyword: 'minimum', params: {}, message: 'must be >= 100', data: 4 },
      { instancePath: '/status', schemaPath: '#/anyOf/1/maximum', keyword: 'maximum', params: {}, message: 'must be <= 599', data: 4 },
      { instancePath: '/status', schemaPath: '#/anyOf', keyword: 'anyOf', params: {}, message: 'must match a schema in anyOf', data: 4 },
    ];
    expect(describeErrors(errors).map((i) => i.message)).toEqual(['/status must be string, got integer 4']);
  });

  it('keeps an umbrella error with nothing under it, and drops exact duplicates', () => {
    const umbrella = { instancePath: '', schemaPath: '#/oneOf', keyword: 'oneOf', params: {}, message: 'must match exactly one schema in oneOf', data: 1 };
    expect(describeErrors([umbrella, umbrella]).map((i) => i.message)).toEqual(['body must match exactly one schema in oneOf, got integer 1']);
  });
});
