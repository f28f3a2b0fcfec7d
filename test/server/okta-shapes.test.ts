// Every request shape of okta-protocol.md §2, byte for byte where the doc gives the body, against the reference server.
import { describe, it, expect } from 'vitest';
import { GROUP, LIST, USER, createGroup, createUser, pick, scim, start, str } from './scim-client.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('§2.1 Test API Credentials', () => {
  it('GET /Users?startIndex=1&count=2 and GET /Groups?startIndex=1&count=100', async () => {
    const s = await start({ seedUsers: 3, seedGroups: 1 });
    expect((await scim(s, 'GET', '/Users?startIndex=1&count=2')).json).toMatchObject({ schemas: [LIST], totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    expect((await scim(s, 'GET', '/Groups?startIndex=1&count=100')).json).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
    // The 2016 Runscope file sends count before startIndex.
    expect((await scim(s, 'GET', '/Users?count=2&startIndex=1')).json).toMatchObject({ itemsPerPage: 2 });
  });
});

describe('§2.3 existence check and §2.4 create', () => {
  it('filter (no match), POST with Okta\'s exact body, filter (match)', async () => {
    const s = await start();
    const check = '/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100';
    expect((await scim(s, 'GET', check)).json).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    const body = `{
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
  "userName": "test.user@okta.local",
  "name": {"givenName": "Test", "familyName": "User"},
  "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
  "displayName": "Test User",
  "locale": "en-US",
  "externalId": "00ujl29u0le5T6Aj10h7",
  "groups": [],
  "password": "1mz050nq",
  "active": true
}`;
    const created = await scim(s, 'POST', '/Users', { body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      schemas: [USER],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      meta: { resourceType: 'User' },
    });
    const hit = await scim(s, 'GET', check.replace('test.user', 'TEST.USER'));
    expect(hit.json).toMatchObject({ totalResults: 1, Resources: [{ id: str(created.json, 'id') }] });
  });

  it('SPEC test step 6: Content-Type application/json, Accept with charset; step 8 recreate → 409', async () => {
    const s = await start();
    const body = { schemas: [USER], userName: 'RunscopeAbc@atko.com', name: { givenName: 'Runscope123', familyName: 'Abcdefghi123' }, emails: [{ primary: true, value: 'RunscopeAbc@atko.com', type: 'work' }], displayName: 'Runscope123 Abcdefghi123', active: true };
    const headers = { 'content-type': 'application/json', accept: 'application/scim+json; charset=utf-8' };
    expect((await scim(s, 'POST', '/Users', { body, headers })).status).toBe(201);
    expect((await scim(s, 'POST', '/Users', { body: { ...body, emails: [{ primary: true, value: 'x@atko.com', type: 'work' }] }, headers })).status).toBe(409);
    // Step 9: the upper-cased userName filter answers 200 (and finds the user).
    expect((await scim(s, 'GET', `/Users?filter=${encodeURIComponent('userName eq "RUNSCOPEABC@ATKO.COM"')}`)).json).toMatchObject({ totalResults: 1 });
  });
});

describe('§2.5 read, §3.2 steps 4 and 12: unknown ids', () => {
  it('404 with detail, status "404" and the Error schema', async () => {
    const s = await start();
    for (const id of ['010101001010101011001010101011', '00919288221112222']) {
      const res = await scim(s, 'GET', `/Users/${id}`);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
      expect(str(res.json, 'detail')).not.toBe('');
    }
  });
});

describe('§2.6 update by GET then PUT of the whole body', () => {
  it('Okta\'s PUT example (id, groups, meta echoed)', async () => {
    const s = await start();
    const id = await createUser(s, 'test.user@okta.local');
    const res = await scim(s, 'PUT', `/Users/${id}`, {
      body: {
        schemas: [USER],
        id,
        userName: 'test.user@okta.local',
        name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
        active: true,
        groups: [],
        meta: { resourceType: 'User' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' } });
  });

  it('AIW deactivation and reactivation by PUT keep the id', async () => {
    const s = await start();
    const id = await createUser(s, 'aiw@x');
    const got = (await scim(s, 'GET', `/Users/${id}`)).json as Record<string, unknown>;
    expect((await scim(s, 'PUT', `/Users/${id}`, { body: { ...got, active: false } })).json).toMatchObject({ id, active: false });
    expect((await scim(s, 'PUT', `/Users/${id}`, { body: { ...got, active: true } })).json).toMatchObject({ id, active: true });
  });
});

describe('§2.7-2.9 deactivate, reactivate, password sync by PATCH', () => {
  it('the exact no-path bodies', async () => {
    const s = await start();
    const id = await createUser(s, 'oin@x');
    const deactivate = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}';
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body: deactivate })).json).toMatchObject({ id, active: false });
    const reactivate = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] };
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body: reactivate })).json).toMatchObject({ id, active: true });
    const password = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: 'N3wPassw0rd' } }] };
    const res = await scim(s, 'PATCH', `/Users/${id}`, { body: password });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('N3wPassw0rd');
    expect(s.store.users.get(id)?.['password']).toBe('N3wPassw0rd');
  });

  it('Entra\'s form: capitalised op with a path', async () => {
    const s = await start();
    const id = await createUser(s, 'entra@x');
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }] };
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body })).json).toMatchObject({ active: false });
  });
});

describe('§2.10-2.13 group push, membership, rename, delete', () => {
  it('the OIN sequence', async () => {
    const s = await start();
    const u1 = await createUser(s, 'test.user@okta.local');
    const u2 = await createUser(s, 'other@okta.local');
    const lookup = '/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100';
    expect((await scim(s, 'GET', lookup)).json).toMatchObject({ totalResults: 0 });
    const created = await scim(s, 'POST', '/Groups', { body: '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Test SCIMv2", "members": []}' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ displayName: 'Test SCIMv2', meta: { resourceType: 'Group' } });
    const gid = str(created.json, 'id');

    const add = { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: u1, display: 'test.user@okta.local' }, { value: u2, display: 'other@okta.local' }] }] };
    expect((await scim(s, 'PATCH', `/Groups/${gid}`, { body: add })).json).toMatchObject({ members: [{ value: u1 }, { value: u2 }] });

    const both = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: `members[value eq "${u2}"]` },
        { op: 'add', path: 'members', value: [{ value: u1, display: 'test.user@okta.local' }] },
      ],
    };
    const after = await scim(s, 'PATCH', `/Groups/${gid}`, { body: both });
    expect(pick(after.json, 'members')).toHaveLength(1);
    expect(after.json).toMatchObject({ members: [{ value: u1 }] });

    expect((await scim(s, 'GET', `/Groups/${gid}`)).status).toBe(200);
    const rename = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: gid, displayName: 'Test SCIMv2 renamed' } }] };
    expect((await scim(s, 'PATCH', `/Groups/${gid}`, { body: rename })).json).toMatchObject({ id: gid, displayName: 'Test SCIMv2 renamed', members: [{ value: u1 }] });

    const push = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'members', value: [] }] };
    expect((await scim(s, 'PATCH', `/Groups/${gid}`, { body: push })).json).not.toHaveProperty('members');

    const del = await scim(s, 'DELETE', `/Groups/${gid}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
  });

  it('POST with members inlined (2018 docs)', async () => {
    const s = await start();
    const u = await createUser(s, 'x@okta.local');
    const res = await scim(s, 'POST', '/Groups', { body: { schemas: [GROUP], displayName: 'Inline', members: [{ value: u, display: 'x@okta.local' }] } });
    expect(res.json).toMatchObject({ members: [{ value: u, display: 'x@okta.local' }] });
  });
});

describe('§2.14 import groups', () => {
  it('pages groups with count=100', async () => {
    const s = await start({ seedGroups: 120 });
    expect((await scim(s, 'GET', '/Groups?startIndex=1&count=100')).json).toMatchObject({ totalResults: 120, itemsPerPage: 100 });
    expect((await scim(s, 'GET', '/Groups?startIndex=101&count=100')).json).toMatchObject({ startIndex: 101, itemsPerPage: 20 });
  });
});
