// --emulate postman: Postman's documented SCIM surface (okta-protocol.md §5), compared with the reference profile.
import { describe, it, expect } from 'vitest';
import { ERROR, createGroup, createUser, filterQuery, oktaUser, patchBody, scim, start, str } from './scim-client.js';

const postman = () => start({ emulate: 'postman' });

describe('postman: missing endpoints', () => {
  it('no DELETE /Users (405 SCIM error); DELETE /Groups works', async () => {
    const s = await postman();
    const uid = await createUser(s, 'u@x');
    const res = await scim(s, 'DELETE', `/Users/${uid}`);
    expect(res.status).toBe(405);
    expect(res.json).toMatchObject({ schemas: [ERROR], status: '405' });
    const gid = await createGroup(s, 'G');
    expect((await scim(s, 'DELETE', `/Groups/${gid}`)).status).toBe(204);
  });

  it('no PUT /Groups (405); no /Schemas (404)', async () => {
    const s = await postman();
    const gid = await createGroup(s, 'G');
    expect((await scim(s, 'PUT', `/Groups/${gid}`, { body: { displayName: 'H' } })).status).toBe(405);
    expect((await scim(s, 'GET', '/Schemas')).status).toBe(404);
    const ref = await start();
    expect((await scim(ref, 'GET', '/Schemas')).status).toBe(200);
  });
});

describe('postman: filters', () => {
  it('values are case-sensitive', async () => {
    const s = await postman();
    await createUser(s, 'Taylor.Lee@example.com');
    expect((await scim(s, 'GET', `/Users${filterQuery('userName', 'taylor.lee@example.com')}`)).json).toMatchObject({ totalResults: 0 });
    expect((await scim(s, 'GET', `/Users${filterQuery('userName', 'Taylor.Lee@example.com')}`)).json).toMatchObject({ totalResults: 1 });
  });

  it('only userName and active on Users, displayName on Groups; others are 400 invalidFilter', async () => {
    const s = await postman();
    expect((await scim(s, 'GET', `/Users?filter=${encodeURIComponent('active eq true')}`)).status).toBe(200);
    expect((await scim(s, 'GET', `/Groups${filterQuery('displayName', 'G')}`)).status).toBe(200);
    for (const [path, f] of [['/Users', 'externalId eq "1"'], ['/Users', 'userName sw "a"'], ['/Groups', 'externalId eq "1"']] as const) {
      const res = await scim(s, 'GET', `${path}?filter=${encodeURIComponent(f)}`);
      expect(res.json, f).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
  });
});

describe('postman: writes', () => {
  it('PUT /Users updates only the name and active', async () => {
    const s = await postman();
    const id = await createUser(s, 'p@x', { title: 'Old' });
    const res = await scim(s, 'PUT', `/Users/${id}`, {
      body: oktaUser('changed@x', { name: { givenName: 'New', familyName: 'Name' }, title: 'New title', active: false }),
    });
    expect(res.json).toMatchObject({ userName: 'p@x', title: 'Old', name: { givenName: 'New', familyName: 'Name' }, active: false });
  });

  it('PATCH /Users takes {active} without a path or path userName; a password PATCH is 400', async () => {
    const s = await postman();
    const id = await createUser(s, 'p@x');
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) })).status).toBe(200);
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', path: 'userName', value: 'q@x' }) })).json).toMatchObject({ userName: 'q@x' });
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { password: 'x' } }) })).status).toBe(400);
  });

  it('group PATCH answers omit members', async () => {
    const s = await postman();
    const uid = await createUser(s, 'm@x');
    const gid = await createGroup(s, 'G');
    const res = await scim(s, 'PATCH', `/Groups/${gid}`, { body: patchBody({ op: 'add', path: 'members', value: [{ value: uid }] }) });
    expect(res.status).toBe(200);
    expect(res.json).not.toHaveProperty('members');
    expect((await scim(s, 'GET', `/Groups/${gid}`)).json).toMatchObject({ members: [{ value: uid }] });
  });

  it('user resources carry no emails (§5.7)', async () => {
    const s = await postman();
    const res = await scim(s, 'POST', '/Users', { body: oktaUser('e@x') });
    expect(res.json).not.toHaveProperty('emails');
  });
});

describe('postman: wire format and auth', () => {
  it('ResourceTypes is a bare array; responses are application/json', async () => {
    const s = await postman();
    const res = await scim(s, 'GET', '/ResourceTypes');
    expect(Array.isArray(res.json)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('x-api-key is accepted beside Authorization: Bearer', async () => {
    const s = await postman();
    expect((await scim(s, 'GET', '/Users', { auth: false, headers: { 'x-api-key': s.token } })).status).toBe(200);
    expect((await scim(s, 'GET', '/Users')).status).toBe(200);
    expect((await scim(s, 'GET', '/Users', { auth: false, headers: { 'x-api-key': 'wrong' } })).json).toMatchObject({ schemas: [ERROR], status: '401' });
  });

  it('a 401 on /ResourceTypes uses Postman\'s generic error shape (integer status)', async () => {
    const s = await postman();
    const res = await scim(s, 'GET', '/ResourceTypes', { auth: false });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ title: 'Unauthorized', status: 401 });
    expect(str(res.json, 'detail')).not.toBe('');
  });
});
