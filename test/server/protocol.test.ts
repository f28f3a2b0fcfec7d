import { describe, it, expect } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { ERROR, GROUP, LIST, USER, createGroup, createUser, filterQuery, oktaUser, patchBody, pick, scim, start, str } from './scim-client.js';

describe('endpoints and base path', () => {
  it('a path outside the base path is a SCIM 404', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/Users`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  it('an unknown endpoint below the base path is a SCIM 404', async () => {
    const s = await start();
    for (const path of ['/Bulk', '/Me', '/Users/x/y', '/Nope']) {
      const res = await scim(s, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '404' });
    }
  });

  it('discovery endpoints answer GET and refuse writes with a SCIM 405', async () => {
    const s = await start();
    const spc = await scim(s, 'GET', '/ServiceProviderConfig');
    expect(spc.status).toBe(200);
    expect(spc.json).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true }, etag: {}, sort: {}, changePassword: {} });
    const types = await scim(s, 'GET', '/ResourceTypes');
    expect(types.json).toMatchObject({ schemas: [LIST], totalResults: 2, Resources: [{ name: 'User', endpoint: '/Users' }, { name: 'Group' }] });
    expect((await scim(s, 'GET', '/ResourceTypes/User')).json).toMatchObject({ schema: USER });
    const schemas = await scim(s, 'GET', '/Schemas');
    expect(schemas.json).toMatchObject({ totalResults: 4 });
    expect((await scim(s, 'GET', `/Schemas/${USER}`)).json).toMatchObject({ id: USER, name: 'User' });
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas']) {
      const res = await scim(s, 'POST', path, { body: {} });
      expect(res.status, path).toBe(405);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '405' });
      expect(res.headers.get('allow')).toBe('GET');
    }
  });

  it('a custom base path', async () => {
    const s = await start({ basePath: 'api/scim/' });
    expect(s.baseUrl).toBe(`${s.url}/api/scim`);
    expect((await scim(s, 'GET', '/Users')).status).toBe(200);
  });
});

describe('auth', () => {
  it('accepts the bearer token (scheme in any case)', async () => {
    const s = await start();
    expect((await scim(s, 'GET', '/Users', { headers: { authorization: `bearer ${s.token}` } })).status).toBe(200);
  });

  it('401 with a SCIM Error (status as a string) when missing or wrong, never echoing the token', async () => {
    const s = await start();
    const missing = await scim(s, 'GET', '/Users', { auth: false });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ schemas: [ERROR], status: '401' });
    expect(str(missing.json, 'detail')).toMatch(/no Authorization header/);
    const wrong = await scim(s, 'GET', '/Users', { headers: { authorization: 'non-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ status: '401' });
    expect(wrong.text).not.toContain(s.token);
    const raw = await scim(s, 'GET', '/Users', { headers: { authorization: s.token } });
    expect(raw.status).toBe(401);
  });

  it('a random token by default, none when told', async () => {
    const a = await start({ token: undefined });
    const b = await start({ token: undefined });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(a.token).not.toBe(b.token);
    const open = await start({ token: null });
    expect(open.token).toBe('');
    expect((await scim(open, 'GET', '/Users', { auth: false })).status).toBe(200);
  });

  it('x-api-key is not accepted outside the postman profile', async () => {
    const s = await start();
    expect((await scim(s, 'GET', '/Users', { auth: false, headers: { 'x-api-key': s.token } })).status).toBe(401);
  });
});

describe('content types and encoding', () => {
  it('accepts bodies as application/scim+json and application/json, with or without charset', async () => {
    const s = await start();
    const types = ['application/scim+json', 'application/scim+json; charset=utf-8', 'application/json', 'application/json;charset=UTF-8'];
    for (const [i, type] of types.entries()) {
      const res = await scim(s, 'POST', '/Users', { body: oktaUser(`ct${i}@x`), headers: { 'content-type': type } });
      expect(res.status, type).toBe(201);
    }
    const bad = await scim(s, 'POST', '/Users', { body: oktaUser('ct@x'), headers: { 'content-type': 'text/plain' } });
    expect(bad.status).toBe(415);
    expect(bad.json).toMatchObject({ schemas: [ERROR], status: '415' });
  });

  it('answers application/scim+json', async () => {
    const s = await start();
    expect((await scim(s, 'GET', '/Users')).headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });

  it('406 when the client accepts no JSON at all', async () => {
    const s = await start();
    expect((await scim(s, 'GET', '/Users', { headers: { accept: 'text/html' } })).status).toBe(406);
    expect((await scim(s, 'GET', '/Users', { headers: { accept: '*/*' } })).status).toBe(200);
  });

  it('gzips when asked, not otherwise', async () => {
    const s = await start({ seedUsers: 3 });
    const get = (encoding: string | undefined): Promise<{ headers: Record<string, unknown>; body: Buffer }> =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string> = { authorization: `Bearer ${s.token}` };
        if (encoding !== undefined) headers['accept-encoding'] = encoding;
        const req = httpRequest(`${s.baseUrl}/Users`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const zipped = await get('gzip,deflate');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toMatchObject({ totalResults: 3 });
    const plain = await get(undefined);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toMatchObject({ totalResults: 3 });
  });
});

describe('create', () => {
  it('201 with Location, meta and a server-made id; client ids and read-only fields ignored', async () => {
    const s = await start();
    const res = await scim(s, 'POST', '/Users', { body: oktaUser('new@x', { id: 'mine', meta: { created: 'yesterday' } }) });
    expect(res.status).toBe(201);
    const id = str(res.json, 'id');
    expect(id).not.toBe('mine');
    expect(res.headers.get('location')).toBe(`${s.baseUrl}/Users/${id}`);
    expect(res.json).toMatchObject({
      schemas: [USER],
      userName: 'new@x',
      active: true,
      meta: { resourceType: 'User', location: `${s.baseUrl}/Users/${id}`, version: 'W/"1"' },
    });
    expect(Date.parse(str(res.json, 'meta.created'))).not.toBeNaN();
    expect(str(res.json, 'meta.lastModified')).toBe(str(res.json, 'meta.created'));
  });

  it('userName is unique ignoring case: 409 uniqueness', async () => {
    const s = await start();
    await createUser(s, 'Jane@Example.com');
    const res = await scim(s, 'POST', '/Users', { body: oktaUser('jane@example.COM') });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness', status: '409' });
  });

  it('concurrent creates of one userName in varied case: exactly one 201, the rest 409', async () => {
    const s = await start();
    const names = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'race@example.com' : 'RACE@example.com').replace('e', i % 3 === 0 ? 'E' : 'e'));
    const answers = await Promise.all(names.map((n) => scim(s, 'POST', '/Users', { body: oktaUser(n) })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(19);
    expect(s.store.users.size).toBe(1);
  });

  it('the EnterpriseUser extension is stored and announced in schemas', async () => {
    const s = await start();
    const ent = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const res = await scim(s, 'POST', '/Users', { body: oktaUser('ent@x', { schemas: [USER, ent], [ent]: { department: 'R&D', manager: { value: 'm1' } } }) });
    expect(res.json).toMatchObject({ schemas: [USER, ent], [ent]: { department: 'R&D', manager: { value: 'm1' } } });
  });

  it('password is accepted write-only and never returned', async () => {
    const s = await start();
    const res = await scim(s, 'POST', '/Users', { body: oktaUser('pw@x') });
    expect(res.text).not.toContain('password');
    expect(res.text).not.toContain('1mz050nq');
    const id = str(res.json, 'id');
    expect(s.store.users.get(id)?.['password']).toBe('1mz050nq');
    expect((await scim(s, 'GET', `/Users/${id}`)).text).not.toContain('1mz050nq');
    expect((await scim(s, 'GET', '/Users')).text).not.toContain('1mz050nq');
  });
});

describe('list', () => {
  it('integer counts, 1-based startIndex (values < 1 read as 1), count=0, default page size', async () => {
    const s = await start({ seedUsers: 150 });
    const first = await scim(s, 'GET', '/Users');
    expect(first.json).toMatchObject({ schemas: [LIST], totalResults: 150, startIndex: 1, itemsPerPage: 100 });
    const zero = await scim(s, 'GET', '/Users?startIndex=0&count=2');
    expect(zero.json).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(pick(zero.json, 'Resources.0.userName')).toBe('seed.user.001@example.com');
    const none = await scim(s, 'GET', '/Users?count=0');
    expect(none.json).toMatchObject({ totalResults: 150, itemsPerPage: 0, Resources: [] });
    const negative = await scim(s, 'GET', '/Users?count=-5');
    expect(negative.json).toMatchObject({ itemsPerPage: 0 });
    const past = await scim(s, 'GET', '/Users?startIndex=500');
    expect(past.json).toMatchObject({ totalResults: 150, startIndex: 500, itemsPerPage: 0 });
    expect((await scim(s, 'GET', '/Users?count=abc')).json).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('caps count at the maximum page size', async () => {
    const s = await start({ seedUsers: 30, maxPageSize: 10 });
    expect((await scim(s, 'GET', '/Users?count=1000')).json).toMatchObject({ totalResults: 30, itemsPerPage: 10 });
  });

  it('pages in a stable order: count=100 pages cover every user exactly once (Okta import, §2.2)', async () => {
    const s = await start({ seedUsers: 250 });
    const seen: string[] = [];
    for (let start = 1; start <= 250; start += 100) {
      const res = await scim(s, 'GET', `/Users?startIndex=${start}&count=100`);
      const resources = pick(res.json, 'Resources') as unknown[];
      seen.push(...resources.map((r) => str(r, 'id')));
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const again = await scim(s, 'GET', '/Users?startIndex=101&count=100');
    expect(pick(again.json, 'Resources.0.id')).toBe(seen[100]);
  });
});

describe('filter over HTTP', () => {
  it('reads %20 and + encodings, parameters in any order, attribute names in any case', async () => {
    const s = await start();
    await createUser(s, 'jane.doe@example.com');
    for (const q of [
      '?filter=userName%20eq%20%22jane.doe%40example.com%22&startIndex=1&count=100',
      '?filter=userName+eq+%22jane.doe%40example.com%22&startIndex=1&count=100',
      '?count=100&filter=USERNAME%20EQ%20%22JANE.DOE%40EXAMPLE.COM%22&startIndex=1',
    ]) {
      expect((await scim(s, 'GET', `/Users${q}`)).json, q).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
    }
  });

  it('no match is 200 with totalResults 0 (okta-protocol.md §2.3)', async () => {
    const s = await start();
    const res = await scim(s, 'GET', `/Users${filterQuery('userName', 'nobody@x')}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('a malformed filter or an unknown attribute is 400 invalidFilter', async () => {
    const s = await start();
    for (const f of ['userName eq', 'foo eq "x"', 'userName eq "x" and']) {
      const res = await scim(s, 'GET', `/Users?filter=${encodeURIComponent(f)}`);
      expect(res.status, f).toBe(400);
      expect(res.json).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter', status: '400' });
    }
  });

  it('groups filter on displayName ignoring case', async () => {
    const s = await start();
    await createGroup(s, 'Test SCIMv2');
    expect((await scim(s, 'GET', `/Groups${filterQuery('displayName', 'test scimv2')}`)).json).toMatchObject({ totalResults: 1 });
  });

  it('an index lookup still applies the rest of the filter', async () => {
    const s = await start();
    await createUser(s, 'a@x');
    const q = encodeURIComponent('userName eq "a@x" and active eq false');
    expect((await scim(s, 'GET', `/Users?filter=${q}`)).json).toMatchObject({ totalResults: 0 });
  });
});

describe('attributes and excludedAttributes', () => {
  it('excludedAttributes=members (Entra) drops members; attributes keeps id and the named ones', async () => {
    const s = await start();
    const uid = await createUser(s, 'm@x');
    const gid = await createGroup(s, 'G', [{ value: uid }]);
    const ex = await scim(s, 'GET', `/Groups/${gid}?excludedAttributes=members`);
    expect(ex.json).toHaveProperty('displayName', 'G');
    expect(ex.json).not.toHaveProperty('members');
    const only = await scim(s, 'GET', `/Users/${uid}?attributes=userName,name.givenName`);
    expect(only.json).toEqual({ schemas: [USER], id: uid, userName: 'm@x', name: { givenName: 'Test' } });
    const list = await scim(s, 'GET', '/Groups?excludedAttributes=members');
    expect(pick(list.json, 'Resources.0')).not.toHaveProperty('members');
  });
});

describe('PUT', () => {
  it('replaces writable attributes and tolerates the echoed GET body (okta-protocol.md §2.6)', async () => {
    const s = await start();
    const id = await createUser(s, 'put@x', { title: 'Engineer' });
    const got = await scim(s, 'GET', `/Users/${id}`);
    const echoed: Record<string, unknown> = { ...(got.json as Record<string, unknown>), name: { givenName: 'Another', middleName: 'Excited', familyName: 'User', formatted: 'x' } };
    delete echoed['title'];
    const res = await scim(s, 'PUT', `/Users/${id}`, { body: echoed });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, name: { givenName: 'Another', middleName: 'Excited' }, meta: { version: 'W/"2"' } });
    expect(res.json).not.toHaveProperty('title');
    expect(str(res.json, 'meta.created')).toBe(str(got.json, 'meta.created'));
    expect(str(res.json, 'meta.lastModified') > str(got.json, 'meta.lastModified')).toBe(true);
    expect(s.store.users.get(id)?.['password']).toBe('1mz050nq');
  });

  it('a rename onto another user\'s userName is 409; unknown id is 404', async () => {
    const s = await start();
    await createUser(s, 'one@x');
    const two = await createUser(s, 'two@x');
    expect((await scim(s, 'PUT', `/Users/${two}`, { body: oktaUser('ONE@x') })).status).toBe(409);
    expect((await scim(s, 'PUT', '/Users/nope', { body: oktaUser('z@x') })).status).toBe(404);
  });

  it('groups: PUT with the full members list (AIW, §2.11)', async () => {
    const s = await start();
    const uid = await createUser(s, 'g@x');
    const gid = await createGroup(s, 'Test SCIMv2');
    const res = await scim(s, 'PUT', `/Groups/${gid}`, {
      body: { schemas: [GROUP], id: gid, displayName: 'Test SCIMv2', members: [{ value: uid, display: 'g@x' }] },
    });
    expect(res.json).toMatchObject({ members: [{ value: uid, display: 'g@x', type: 'User', $ref: `${s.baseUrl}/Users/${uid}` }] });
    expect((await scim(s, 'GET', `/Users/${uid}`)).json).toMatchObject({ groups: [{ value: gid, display: 'Test SCIMv2' }] });
  });
});

describe('PATCH over HTTP', () => {
  it('answers 200 with the resource, or 204 with --patch-204', async () => {
    const s = await start();
    const id = await createUser(s, 'p@x');
    const res = await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, active: false });
    const s204 = await start({ patch204: true });
    const id2 = await createUser(s204, 'p@x');
    const res204 = await scim(s204, 'PATCH', `/Users/${id2}`, { body: patchBody({ op: 'replace', value: { active: false } }) });
    expect(res204.status).toBe(204);
    expect(res204.text).toBe('');
    expect(s204.store.users.get(id2)?.['active']).toBe(false);
  });

  it('a member value that is no user or group is 400 invalidValue', async () => {
    const s = await start();
    const gid = await createGroup(s, 'G');
    const res = await scim(s, 'PATCH', `/Groups/${gid}`, { body: patchBody({ op: 'add', path: 'members', value: [{ value: 'ghost' }] }) });
    expect(res.json).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('a PATCH that removes userName is 400', async () => {
    const s = await start();
    const id = await createUser(s, 'p@x');
    expect((await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'remove', path: 'userName' }) })).status).toBe(400);
  });
});

describe('deactivation and reactivation', () => {
  it('a deactivated user stays readable and findable; reactivation keeps the id', async () => {
    const s = await start();
    const id = await createUser(s, 'Deact@x');
    await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) });
    expect((await scim(s, 'GET', `/Users/${id}`)).json).toMatchObject({ id, active: false });
    expect((await scim(s, 'GET', `/Users${filterQuery('userName', 'deact@x')}`)).json).toMatchObject({ totalResults: 1, Resources: [{ id, active: false }] });
    const back = await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: true } }) });
    expect(back.json).toMatchObject({ id, active: true });
  });
});

describe('DELETE', () => {
  it('204, then 404; a deleted user leaves its groups', async () => {
    const s = await start();
    const uid = await createUser(s, 'd@x');
    const gid = await createGroup(s, 'G', [{ value: uid }]);
    const del = await scim(s, 'DELETE', `/Users/${uid}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await scim(s, 'GET', `/Users/${uid}`)).json).toMatchObject({ schemas: [ERROR], status: '404' });
    expect((await scim(s, 'DELETE', `/Users/${uid}`)).status).toBe(404);
    expect((await scim(s, 'GET', `/Groups/${gid}`)).json).not.toHaveProperty('members');
    expect((await scim(s, 'DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect((await scim(s, 'GET', `/Groups/${gid}`)).status).toBe(404);
  });
});

describe('bad input never crashes it', () => {
  it('malformed JSON → 400 invalidSyntax; not an object → 400; empty → 400', async () => {
    const s = await start();
    for (const body of ['{"userName": ', '[1,2]', '"str"', ' ']) {
      const res = await scim(s, 'POST', '/Users', { body });
      expect(res.status, body).toBe(400);
      expect(res.json).toMatchObject({ schemas: [ERROR], scimType: 'invalidSyntax', status: '400' });
    }
  });

  it('a body over the limit → 413 SCIM Error', async () => {
    const s = await start({ maxBodyBytes: 1000 });
    const res = await scim(s, 'POST', '/Users', { body: oktaUser('big@x', { displayName: 'x'.repeat(5000) }) });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ schemas: [ERROR], status: '413' });
    expect((await scim(s, 'GET', '/Users')).status).toBe(200);
  });

  it('a wrong type → 400 invalidValue; a missing userName → 400 invalidValue', async () => {
    const s = await start();
    for (const body of [oktaUser('t@x', { active: 'yes' }), oktaUser('t@x', { emails: 'a@b' }), oktaUser('t@x', { name: 'Jane' }), { schemas: [USER] }, oktaUser('')]) {
      const res = await scim(s, 'POST', '/Users', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toMatchObject({ scimType: 'invalidValue', status: '400' });
    }
  });

  it('wrong methods → 405; odd paths → 404; the server keeps answering', async () => {
    const s = await start();
    expect((await scim(s, 'PUT', '/Users', { body: {} })).status).toBe(405);
    expect((await scim(s, 'POST', '/Users/abc', { body: {} })).status).toBe(405);
    expect((await scim(s, 'GET', '/Users/%E0%A4%A')).status).toBe(404);
    expect((await scim(s, 'GET', '/Users')).status).toBe(200);
  });
});

describe('recording', () => {
  it('keeps every request: method, path, raw query, lower-case headers, body text', async () => {
    const s = await start();
    await scim(s, 'GET', `/Users${filterQuery('userName', 'a@x')}`);
    await scim(s, 'POST', '/Users', { body: '{"userName":"r@x"}' });
    expect(s.received).toHaveLength(2);
    expect(s.received[0]).toMatchObject({ method: 'GET', path: '/scim/v2/Users', rawQuery: 'filter=userName%20eq%20%22a%40x%22&startIndex=1&count=100', body: '' });
    expect(s.received[0]?.headers['user-agent']).toBe('Okta SCIM Client 1.0.0');
    expect(s.received[1]).toMatchObject({ method: 'POST', body: '{"userName":"r@x"}' });
    expect(s.received[1]?.headers['content-type']).toBe('application/scim+json; charset=utf-8');
  });
});
