import { describe, it, expect } from 'vitest';
import { applyPatch, readPatchBody } from '../../src/server/apply-patch.js';
import { GROUP_SHAPE, USER_SHAPE } from '../../src/server/resource-schemas.js';
import { ScimHttpError } from '../../src/server/scim-http-error.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const body = (...Operations: unknown[]): Record<string, unknown> => ({ schemas: [PATCH_OP], Operations });
const patchUser = (attrs: Record<string, unknown>, ...ops: unknown[]): Record<string, unknown> =>
  applyPatch(attrs, readPatchBody(body(...ops)), USER_SHAPE);
const patchGroup = (attrs: Record<string, unknown>, ...ops: unknown[]): Record<string, unknown> =>
  applyPatch(attrs, readPatchBody(body(...ops)), GROUP_SHAPE);

function rejects(fn: () => unknown): ScimHttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimHttpError) return error;
    throw error;
  }
  throw new Error('expected a ScimHttpError');
}

const user = { userName: 'u@x', name: { givenName: 'A', familyName: 'B' }, active: true, emails: [{ value: 'u@x', type: 'work' }] };
const group = { displayName: 'G', members: [{ value: 'u1', display: 'one' }, { value: 'u2', display: 'two' }] };

describe('PATCH: Okta shapes (okta-protocol.md §2.7-2.12)', () => {
  it('path-less replace with a value object deactivates', () => {
    expect(patchUser(user, { op: 'replace', value: { active: false } })).toMatchObject({ active: false, userName: 'u@x' });
  });

  it('path-less replace sets a password (write-only)', () => {
    expect(patchUser(user, { op: 'replace', value: { password: 'n3w' } })).toMatchObject({ password: 'n3w' });
  });

  it('group rename with the id in the value: id ignored, displayName set', () => {
    const out = patchGroup(group, { op: 'replace', value: { id: 'not-this-one', displayName: 'Renamed' } });
    expect(out).toEqual({ ...group, displayName: 'Renamed' });
  });

  it('remove by members[value eq "…"] and add to members in one body', () => {
    const out = patchGroup(
      group,
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'add', path: 'members', value: [{ value: 'u3', display: 'three' }] },
    );
    expect(out['members']).toEqual([{ value: 'u2', display: 'two' }, { value: 'u3', display: 'three' }]);
  });

  it('add does not duplicate a member already there', () => {
    const out = patchGroup(group, { op: 'add', path: 'members', value: [{ value: 'u2' }] });
    expect(out['members']).toEqual([{ value: 'u1', display: 'one' }, { value: 'u2' }]);
  });

  it('replace members with [] empties the group; replace with a list overwrites it', () => {
    expect(patchGroup(group, { op: 'replace', path: 'members', value: [] })['members']).toBeUndefined();
    expect(patchGroup(group, { op: 'replace', path: 'members', value: [{ value: 'u9' }] })['members']).toEqual([{ value: 'u9' }]);
  });
});

describe('PATCH: Entra and RFC forms', () => {
  it('capitalised ops, a path, and a "False" string for a boolean', () => {
    expect(patchUser(user, { op: 'Replace', path: 'active', value: 'False' })).toMatchObject({ active: false });
    expect(patchUser(user, { op: 'REPLACE', path: 'active', value: true })).toMatchObject({ active: true });
  });

  it('Entra member removal: remove with path members and a value list', () => {
    const out = patchGroup(group, { op: 'Remove', path: 'members', value: [{ value: 'u2' }] });
    expect(out['members']).toEqual([{ value: 'u1', display: 'one' }]);
  });

  it('dotted and filtered paths, attribute names in any case', () => {
    expect(patchUser(user, { op: 'replace', path: 'NAME.givenName', value: 'Z' })).toMatchObject({ name: { givenName: 'Z', familyName: 'B' } });
    expect(patchUser(user, { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@x' })).toMatchObject({
      emails: [{ value: 'new@x', type: 'work' }],
    });
    expect(patchUser(user, { op: 'remove', path: 'name.givenName' })).toMatchObject({ name: { familyName: 'B' } });
  });

  it('path-less value with dotted keys and extension objects', () => {
    const out = patchUser(user, { op: 'add', value: { 'name.familyName': 'C', [ENT]: { department: 'Ops' } } });
    expect(out).toMatchObject({ name: { givenName: 'A', familyName: 'C' }, [ENT]: { department: 'Ops' } });
    expect(patchUser(out, { op: 'replace', path: `${ENT}:department`, value: 'Sales' })).toMatchObject({ [ENT]: { department: 'Sales' } });
    expect(patchUser(out, { op: 'remove', path: ENT })[ENT]).toBeUndefined();
  });

  it('complex replace keeps the sub-attributes it does not name (RFC 7644 §3.5.2.3)', () => {
    expect(patchUser(user, { op: 'replace', path: 'name', value: { givenName: 'Q' } })).toMatchObject({ name: { givenName: 'Q', familyName: 'B' } });
  });

  it('does not touch its input', () => {
    const copy = structuredClone(group);
    patchGroup(group, { op: 'replace', path: 'members', value: [] });
    expect(group).toEqual(copy);
  });
});

describe('PATCH: errors', () => {
  it.each([
    [{ op: 'remove' }, 'noTarget'],
    [{ op: 'move', path: 'active', value: true }, 'invalidSyntax'],
    [{ op: 'replace', path: 'active' }, 'invalidSyntax'],
    [{ op: 'replace', value: 'flat' }, 'invalidSyntax'],
    [{ op: 'replace', path: 'nosuch', value: 1 }, 'invalidPath'],
    [{ op: 'replace', path: 'id', value: 'x' }, 'mutability'],
    [{ op: 'replace', path: 'active', value: 'yes' }, 'invalidValue'],
    [{ op: 'replace', path: 'emails[type eq "other"].value', value: 'x' }, 'noTarget'],
    [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }, 'invalidPath'],
  ])('%j → %s', (op, scimType) => {
    const error = rejects(() => patchUser(user, op));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
  });

  it('an empty Operations list or a foreign schemas URN is invalidSyntax', () => {
    expect(rejects(() => readPatchBody(body())).scimType).toBe('invalidSyntax');
    expect(rejects(() => readPatchBody({ schemas: ['urn:x'], Operations: [{ op: 'add', value: {} }] })).scimType).toBe('invalidSyntax');
  });
});
