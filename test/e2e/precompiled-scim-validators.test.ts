// The SCIM response validators generated at build time (dist/assert/scim-validators.cjs) must say exactly what
// ajv compiling the schemas at run time says, for every schema name and a spread of good and broken bodies.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fromSource from '../../src/assert/schema.js';
import { SCHEMA_NAMES } from '../../src/shared/scim-schema-names.js';
import { ROOT } from '../support/run-cli.js';

// A computed specifier: dist/ is plain JavaScript built by `npm test` before this project runs.
const fromDist = (await import(join(ROOT, 'dist/assert/schema.js'))) as typeof fromSource;
await fromSource.prepareSchemas();
await fromDist.prepareSchemas();

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const user = {
  schemas: [USER], id: 'u1', userName: 'a@example.com', name: { givenName: 'A', familyName: 'B' },
  emails: [{ primary: true, value: 'a@example.com', type: 'work' }], active: true,
  meta: { resourceType: 'User', created: '2021-02-22T04:24:13.000Z', lastModified: '2021-02-22T04:24:13.000Z', location: 'https://example.com/scim/v2/Users/u1' },
};
const group = { schemas: [GROUP], id: 'g1', displayName: 'G', members: [{ value: 'u1', display: 'A' }] };
const bodies: Record<string, unknown> = {
  user,
  group,
  userStringActive: { ...user, active: 'true' },
  userNoName: { ...user, userName: undefined },
  userBadDate: { ...user, meta: { ...user.meta, created: 'yesterday' } },
  userBadLocation: { ...user, meta: { ...user.meta, location: 'not a uri' } },
  userPassword: { ...user, password: 'secret' },
  userWrongSchemas: { ...user, schemas: [GROUP] },
  groupBadMembers: { ...group, members: [{ display: 'no value' }, 'x'] },
  list: { schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [user] },
  listStrings: { schemas: [LIST], totalResults: '1', startIndex: '1', itemsPerPage: '1', Resources: [user] },
  listGroups: { schemas: [LIST], totalResults: 1, Resources: [group, { ...group, displayName: 5 }] },
  listNoResources: { schemas: [LIST], totalResults: 3 },
  error: { schemas: [ERROR], status: '404', detail: 'not found' },
  errorNumberStatus: { schemas: [ERROR], status: 404, scimType: 7 },
  patch: { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: false } }] },
  patchBadOp: { schemas: [PATCH], Operations: [{ op: 'Frobnicate', path: 5 }] },
  spc: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'], patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } },
  empty: {},
  nothing: null,
  text: 'Unauthorized',
  array: [user],
};

describe('precompiled SCIM validators', () => {
  for (const name of SCHEMA_NAMES) {
    it(`${name}: same issues as ajv compiling at run time, for every sample body`, () => {
      for (const [label, body] of Object.entries(bodies)) {
        const value = JSON.parse(JSON.stringify(body) ?? 'null') as unknown;
        expect(fromDist.validateScim(name, value), `${name} × ${label}`).toEqual(fromSource.validateScim(name, value));
      }
    });
  }

  it('the samples do exercise failures, so the comparison means something', () => {
    const failing = SCHEMA_NAMES.flatMap((name) => Object.values(bodies).map((b) => fromDist.validateScim(name, b).length)).filter((n) => n > 0);
    expect(failing.length).toBeGreaterThan(100);
  });
});
