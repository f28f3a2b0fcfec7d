// One test per quirk: the same request against a server without it and with it, and the documented difference.
import { describe, it, expect } from 'vitest';
import { QUIRKS, parseQuirk } from '../../src/server/index.js';
import type { QuirkName, RunningServer, ServerOptions } from '../../src/server/index.js';
import { UsageError, ExitCode } from '../../src/errors.js';
import { ERROR, USER, createGroup, createUser, filterQuery, oktaUser, patchBody, pick, scim, start, str } from './scim-client.js';

/** Two servers alike but for the quirk. */
async function pair(quirk: string, options: ServerOptions = {}): Promise<[RunningServer, RunningServer]> {
  return [await start(options), await start({ ...options, quirks: [parseQuirk(quirk)] })];
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const tested = new Set<QuirkName>();
function quirkTest(name: QuirkName, title: string, fn: () => Promise<void>): void {
  tested.add(name);
  it(`${name}: ${title}`, fn);
}

describe('parseQuirk', () => {
  it('reads names and slow=MS', () => {
    expect(parseQuirk('string-counts')).toEqual({ name: 'string-counts' });
    expect(parseQuirk('slow=500')).toEqual({ name: 'slow', value: 500 });
  });

  it('an unknown name is a usage error with a did-you-mean and the valid names', () => {
    let error: unknown;
    try {
      parseQuirk('string-count');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const u = error as UsageError;
    expect(u.exitCode).toBe(ExitCode.USAGE);
    expect(u.code).toBe('serve.unknownQuirk');
    expect(u.detail).toContain('did you mean "string-counts"?');
    expect(u.detail).toContain('slow=MS');
    expect(u.detail).toContain('members-replace-empty-ignored');
  });

  it('a bad or missing value is a usage error', () => {
    expect(() => parseQuirk('slow')).toThrow(/whole number of milliseconds/);
    expect(() => parseQuirk('slow=fast')).toThrow(/whole number/);
    expect(() => parseQuirk('cdn-502=1')).toThrow(/takes no value/);
  });

  it('every quirk documents a description and an Okta symptom', () => {
    for (const [name, info] of Object.entries(QUIRKS)) {
      expect(info.description, name).not.toBe('');
      expect(info.oktaSymptom, name).toMatch(/§/);
    }
  });
});

describe('quirks change exactly what they document', () => {
  quirkTest('string-counts', 'ListResponse numbers become strings', async () => {
    const [ok, bad] = await pair('string-counts', { seedUsers: 2 });
    expect((await scim(ok, 'GET', '/Users?startIndex=1&count=2')).json).toMatchObject({ totalResults: 2, startIndex: 1, itemsPerPage: 2 });
    expect((await scim(bad, 'GET', '/Users?startIndex=1&count=2')).json).toMatchObject({ totalResults: '2', startIndex: '1', itemsPerPage: '2' });
  });

  quirkTest('filter-404', 'a no-match filter is 404 instead of an empty list', async () => {
    const [ok, bad] = await pair('filter-404');
    expect((await scim(ok, 'GET', `/Users${filterQuery('userName', 'none@x')}`)).status).toBe(200);
    const res = await scim(bad, 'GET', `/Users${filterQuery('userName', 'none@x')}`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ schemas: [ERROR], status: '404' });
    await createUser(bad, 'some@x');
    expect((await scim(bad, 'GET', `/Users${filterQuery('userName', 'some@x')}`)).status).toBe(200);
  });

  quirkTest('filter-case-sensitive', 'userName eq misses another case', async () => {
    const [ok, bad] = await pair('filter-case-sensitive');
    for (const s of [ok, bad]) await createUser(s, 'Jane@x');
    expect((await scim(ok, 'GET', `/Users${filterQuery('userName', 'jane@x')}`)).json).toMatchObject({ totalResults: 1 });
    expect((await scim(bad, 'GET', `/Users${filterQuery('userName', 'jane@x')}`)).json).toMatchObject({ totalResults: 0 });
    expect((await scim(bad, 'GET', `/Users${filterQuery('userName', 'Jane@x')}`)).json).toMatchObject({ totalResults: 1 });
    // Creating "jane@x" still collides: the bug is only in the filter, as in the field.
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('jane@x') })).status).toBe(409);
  });

  quirkTest('filter-hides-inactive', 'inactive users vanish from filter results', async () => {
    const [ok, bad] = await pair('filter-hides-inactive');
    for (const s of [ok, bad]) {
      const id = await createUser(s, 'gone@x');
      await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) });
    }
    expect((await scim(ok, 'GET', `/Users${filterQuery('userName', 'gone@x')}`)).json).toMatchObject({ totalResults: 1 });
    expect((await scim(bad, 'GET', `/Users${filterQuery('userName', 'gone@x')}`)).json).toMatchObject({ totalResults: 0 });
    expect((await scim(bad, 'GET', '/Users')).json).toMatchObject({ totalResults: 1 });
  });

  for (const [name, status] of [['patch-pathless-400', 400], ['patch-pathless-500', 500]] as const) {
    quirkTest(name, `a path-less PATCH gets ${status}; one with a path still works`, async () => {
      const [ok, bad] = await pair(name);
      const ids = [await createUser(ok, 'p@x'), await createUser(bad, 'p@x')];
      const deactivate = patchBody({ op: 'replace', value: { active: false } });
      expect((await scim(ok, 'PATCH', `/Users/${ids[0]}`, { body: deactivate })).status).toBe(200);
      const res = await scim(bad, 'PATCH', `/Users/${ids[1]}`, { body: deactivate });
      expect(res.status).toBe(status);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: String(status) });
      expect(bad.store.users.get(ids[1] ?? '')?.['active']).toBe(true);
      expect((await scim(bad, 'PATCH', `/Users/${ids[1]}`, { body: patchBody({ op: 'replace', path: 'active', value: false }) })).status).toBe(200);
    });
  }

  quirkTest('group-rename-id-rejected', 'Okta\'s rename (value with id) gets 400 mutability', async () => {
    const [ok, bad] = await pair('group-rename-id-rejected');
    for (const s of [ok, bad]) {
      const gid = await createGroup(s, 'G');
      const rename = patchBody({ op: 'replace', value: { id: gid, displayName: 'H' } });
      const res = await scim(s, 'PATCH', `/Groups/${gid}`, { body: rename });
      if (s === ok) expect(res.json).toMatchObject({ displayName: 'H' });
      else expect(res.json).toMatchObject({ status: '400', scimType: 'mutability' });
      expect((await scim(s, 'PATCH', `/Groups/${gid}`, { body: patchBody({ op: 'replace', value: { displayName: 'I' } }) })).status).toBe(200);
    }
  });

  quirkTest('create-empty-body', '201 with no body', async () => {
    const [ok, bad] = await pair('create-empty-body');
    expect((await scim(ok, 'POST', '/Users', { body: oktaUser('e@x') })).json).toHaveProperty('id');
    const res = await scim(bad, 'POST', '/Users', { body: oktaUser('e@x') });
    expect(res.status).toBe(201);
    expect(res.text).toBe('');
    expect(bad.store.users.size).toBe(1);
    expect((await scim(bad, 'POST', '/Groups', { body: { displayName: 'G' } })).text).toBe('');
  });

  quirkTest('create-200', '200 instead of 201', async () => {
    const [ok, bad] = await pair('create-200');
    expect((await scim(ok, 'POST', '/Users', { body: oktaUser('c@x') })).status).toBe(201);
    const res = await scim(bad, 'POST', '/Users', { body: oktaUser('c@x') });
    expect(res.status).toBe(200);
    expect(res.json).toHaveProperty('id');
  });

  quirkTest('duplicate-create-201', 'a duplicate userName is created again', async () => {
    const [ok, bad] = await pair('duplicate-create-201');
    for (const s of [ok, bad]) await createUser(s, 'dup@x');
    expect((await scim(ok, 'POST', '/Users', { body: oktaUser('DUP@x') })).status).toBe(409);
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('DUP@x') })).status).toBe(201);
    expect((await scim(bad, 'GET', `/Users${filterQuery('userName', 'dup@x')}`)).json).toMatchObject({ totalResults: 2 });
  });

  quirkTest('unauthorized-no-body', '401 with an empty body', async () => {
    const [ok, bad] = await pair('unauthorized-no-body');
    expect((await scim(ok, 'GET', '/Users', { auth: false })).json).toMatchObject({ status: '401' });
    const res = await scim(bad, 'GET', '/Users', { auth: false });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    expect((await scim(bad, 'GET', '/Users/nope')).json).toMatchObject({ status: '404' });
  });

  quirkTest('html-errors', 'errors are HTML pages', async () => {
    const [ok, bad] = await pair('html-errors');
    expect((await scim(ok, 'GET', '/Users/nope')).headers.get('content-type')).toContain('application/scim+json');
    const res = await scim(bad, 'GET', '/Users/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
    expect((await scim(bad, 'GET', '/Users')).json).toMatchObject({ totalResults: 0 });
  });

  quirkTest('cdn-502', 'every request gets a plain-text 502', async () => {
    const [ok, bad] = await pair('cdn-502');
    expect((await scim(ok, 'GET', '/Users')).status).toBe(200);
    const res = await scim(bad, 'GET', '/Users');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(res.text).toBe('error code: 502');
  });

  quirkTest('reject-scim-json-content-type', '415 on application/scim+json bodies only', async () => {
    const [ok, bad] = await pair('reject-scim-json-content-type');
    expect((await scim(ok, 'POST', '/Users', { body: oktaUser('a@x') })).status).toBe(201);
    const res = await scim(bad, 'POST', '/Users', { body: oktaUser('a@x') });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ status: '415' });
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('a@x'), headers: { 'content-type': 'application/json' } })).status).toBe(201);
  });

  quirkTest('reject-scim-json-accept', '406 on Accept: application/scim+json only', async () => {
    const [ok, bad] = await pair('reject-scim-json-accept');
    expect((await scim(ok, 'GET', '/Users')).status).toBe(200);
    expect((await scim(bad, 'GET', '/Users')).status).toBe(406);
    expect((await scim(bad, 'GET', '/Users', { headers: { accept: 'application/json' } })).status).toBe(200);
  });

  quirkTest('token-without-bearer', 'only the bare token is accepted', async () => {
    const [ok, bad] = await pair('token-without-bearer');
    expect((await scim(ok, 'GET', '/Users')).status).toBe(200);
    expect((await scim(bad, 'GET', '/Users')).status).toBe(401);
    expect((await scim(bad, 'GET', '/Users', { headers: { authorization: bad.token } })).status).toBe(200);
    expect((await scim(ok, 'GET', '/Users', { headers: { authorization: ok.token } })).status).toBe(401);
  });

  quirkTest('slow', 'answers come no sooner than MS later (a lower bound only: noise can only add)', async () => {
    const [ok, bad] = await pair('slow=300');
    expect((await scim(ok, 'GET', '/Users')).status).toBe(200);
    const t0 = performance.now();
    expect((await scim(bad, 'GET', '/Users')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  quirkTest('rate-limit', 'first request per method + path: 429 with Retry-After: 1; the retry passes', async () => {
    const [ok, bad] = await pair('rate-limit');
    expect((await scim(ok, 'GET', '/Users')).status).toBe(200);
    const first = await scim(bad, 'GET', '/Users');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.json).toMatchObject({ schemas: [ERROR], status: '429' });
    expect((await scim(bad, 'GET', '/Users?startIndex=1&count=2')).status).toBe(200);
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('r@x') })).status).toBe(429);
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('r@x') })).status).toBe(201);
  });

  quirkTest('rate-limit-http-date', '429 whose Retry-After is an HTTP-date', async () => {
    const [, bad] = await pair('rate-limit-http-date');
    const res = await scim(bad, 'GET', '/Users');
    expect(res.status).toBe(429);
    const value = res.headers.get('retry-after') ?? '';
    expect(value).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect((await scim(bad, 'GET', '/Users')).status).toBe(200);
  });

  quirkTest('rate-limit-no-retry-after', '429 without Retry-After', async () => {
    const [, bad] = await pair('rate-limit-no-retry-after');
    const res = await scim(bad, 'GET', '/Users');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
  });

  quirkTest('unstable-order', 'successive list requests come in different orders, so paging repeats users', async () => {
    const [ok, bad] = await pair('unstable-order', { seedUsers: 4 });
    const ids = async (s: RunningServer, q: string): Promise<string[]> =>
      ((pick((await scim(s, 'GET', `/Users${q}`)).json, 'Resources') as unknown[]) ?? []).map((r) => str(r, 'id'));
    const okPages = [...(await ids(ok, '?startIndex=1&count=2')), ...(await ids(ok, '?startIndex=3&count=2'))];
    expect(new Set(okPages).size).toBe(4);
    const badPages = [...(await ids(bad, '?startIndex=1&count=2')), ...(await ids(bad, '?startIndex=3&count=2'))];
    expect(new Set(badPages).size).toBe(2);
  });

  quirkTest('deactivate-deletes', 'deactivation deletes the user', async () => {
    const [ok, bad] = await pair('deactivate-deletes');
    for (const s of [ok, bad]) {
      const id = await createUser(s, 'x@x');
      const res = await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) });
      expect(res.json).toMatchObject({ active: false });
      expect((await scim(s, 'GET', `/Users/${id}`)).status).toBe(s === ok ? 200 : 404);
    }
  });

  quirkTest('reactivate-new-id', 'reactivation moves the user to a new id', async () => {
    const [ok, bad] = await pair('reactivate-new-id');
    for (const s of [ok, bad]) {
      const id = await createUser(s, 'x@x');
      await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) });
      const back = await scim(s, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: true } }) });
      expect(back.json).toMatchObject({ active: true, userName: 'x@x' });
      if (s === ok) expect(str(back.json, 'id')).toBe(id);
      else {
        expect(str(back.json, 'id')).not.toBe(id);
        expect((await scim(s, 'GET', `/Users/${id}`)).status).toBe(404);
      }
    }
  });

  quirkTest('members-replace-empty-ignored', 'replace members [] answers 200 and changes nothing', async () => {
    const [ok, bad] = await pair('members-replace-empty-ignored');
    for (const s of [ok, bad]) {
      const uid = await createUser(s, 'm@x');
      const gid = await createGroup(s, 'G', [{ value: uid }]);
      const res = await scim(s, 'PATCH', `/Groups/${gid}`, { body: patchBody({ op: 'replace', path: 'members', value: [] }) });
      expect(res.status).toBe(200);
      expect(pick(res.json, 'members')).toEqual(s === ok ? undefined : [expect.objectContaining({ value: uid })]);
    }
  });

  quirkTest('error-status-integer', 'Error bodies carry an integer status', async () => {
    const [ok, bad] = await pair('error-status-integer');
    expect((await scim(ok, 'GET', '/Users/nope')).json).toMatchObject({ status: '404' });
    expect((await scim(bad, 'GET', '/Users/nope')).json).toMatchObject({ status: 404 });
  });

  quirkTest('unique-case-sensitive', 'a userName differing only in case is created beside the first', async () => {
    const [ok, bad] = await pair('unique-case-sensitive');
    for (const srv of [ok, bad]) await createUser(srv, 'jane@x');
    expect((await scim(ok, 'POST', '/Users', { body: oktaUser('JANE@x') })).status).toBe(409);
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('JANE@x') })).status).toBe(201);
    // The exact same name still clashes.
    expect((await scim(bad, 'POST', '/Users', { body: oktaUser('jane@x') })).status).toBe(409);
  });

  quirkTest('group-filter-case-sensitive', 'displayName eq misses another case', async () => {
    const [ok, bad] = await pair('group-filter-case-sensitive');
    for (const srv of [ok, bad]) await createGroup(srv, 'Sales');
    expect((await scim(ok, 'GET', `/Groups${filterQuery('displayName', 'SALES')}`)).json).toMatchObject({ totalResults: 1 });
    expect((await scim(bad, 'GET', `/Groups${filterQuery('displayName', 'SALES')}`)).json).toMatchObject({ totalResults: 0 });
    expect((await scim(bad, 'GET', `/Groups${filterQuery('displayName', 'Sales')}`)).json).toMatchObject({ totalResults: 1 });
  });

  quirkTest('no-location', 'a 201 has no Location header', async () => {
    const [ok, bad] = await pair('no-location');
    const good = await scim(ok, 'POST', '/Users', { body: oktaUser('a@x') });
    expect(good.headers.get('location')).toBe(pick(good.json, 'meta.location'));
    const res = await scim(bad, 'POST', '/Users', { body: oktaUser('a@x') });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBeNull();
  });

  quirkTest('relative-location', 'meta.location and Location lose scheme and host', async () => {
    const [, bad] = await pair('relative-location');
    const res = await scim(bad, 'POST', '/Users', { body: oktaUser('a@x') });
    const id = str(res.json, 'id');
    expect(res.headers.get('location')).toBe(`/scim/v2/Users/${id}`);
    expect(pick(res.json, 'meta.location')).toBe(`/scim/v2/Users/${id}`);
    expect(pick((await scim(bad, 'GET', '/Users')).json, 'Resources.0.meta.location')).toBe(`/scim/v2/Users/${id}`);
  });

  quirkTest('no-www-authenticate', 'a 401 has no WWW-Authenticate', async () => {
    const [ok, bad] = await pair('no-www-authenticate');
    expect((await scim(ok, 'GET', '/Users', { auth: false })).headers.get('www-authenticate')).toMatch(/^Bearer/);
    const res = await scim(bad, 'GET', '/Users', { auth: false });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(res.json).toMatchObject({ schemas: [ERROR], status: '401' });
  });

  quirkTest('invalid-filter-200', 'a filter that does not parse answers an empty list', async () => {
    const [ok, bad] = await pair('invalid-filter-200');
    expect((await scim(ok, 'GET', '/Users?filter=userName%20eq')).json).toMatchObject({ scimType: 'invalidFilter', status: '400' });
    const res = await scim(bad, 'GET', '/Users?filter=userName%20eq');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ totalResults: 0, Resources: [] });
  });

  quirkTest('items-per-page-count', 'itemsPerPage echoes count', async () => {
    const [ok, bad] = await pair('items-per-page-count', { seedUsers: 1 });
    expect((await scim(ok, 'GET', '/Users?count=5')).json).toMatchObject({ itemsPerPage: 1 });
    expect((await scim(bad, 'GET', '/Users?count=5')).json).toMatchObject({ itemsPerPage: 5, totalResults: 1 });
  });

  quirkTest('malformed-json-500', 'a body that is not JSON is a 500', async () => {
    const [ok, bad] = await pair('malformed-json-500');
    expect((await scim(ok, 'POST', '/Users', { body: '{"userName": ' })).json).toMatchObject({ scimType: 'invalidSyntax', status: '400' });
    const res = await scim(bad, 'POST', '/Users', { body: '{"userName": ' });
    expect(res.status).toBe(500);
    // Other 400s stay 400.
    expect((await scim(bad, 'POST', '/Users', { body: '' })).status).toBe(400);
  });

  quirkTest('delete-unknown-204', 'DELETE of an unknown id answers 204', async () => {
    const [ok, bad] = await pair('delete-unknown-204');
    expect((await scim(ok, 'DELETE', '/Groups/nope')).status).toBe(404);
    expect((await scim(bad, 'DELETE', '/Groups/nope')).status).toBe(204);
    expect((await scim(bad, 'GET', '/Groups/nope')).status).toBe(404);
  });

  quirkTest('patch-errors-ignored', 'remove without path and an unknown path answer 200, unchanged', async () => {
    const [ok, bad] = await pair('patch-errors-ignored');
    const okId = await createUser(ok, 'a@x');
    const id = await createUser(bad, 'a@x');
    expect((await scim(ok, 'PATCH', `/Users/${okId}`, { body: patchBody({ op: 'remove' }) })).json).toMatchObject({ scimType: 'noTarget' });
    const removed = await scim(bad, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'remove' }) });
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ id, userName: 'a@x' });
    expect((await scim(bad, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', path: 'noSuchAttribute', value: 'x' }) })).status).toBe(200);
  });

  quirkTest('patch-first-op-only', 'only the first operation is applied', async () => {
    const [ok, bad] = await pair('patch-first-op-only');
    const body = patchBody({ op: 'replace', path: 'name.givenName', value: 'One' }, { op: 'replace', path: 'name.familyName', value: 'Two' });
    const okId = await createUser(ok, 'a@x');
    expect((await scim(ok, 'PATCH', `/Users/${okId}`, { body })).json).toMatchObject({ name: { givenName: 'One', familyName: 'Two' } });
    const id = await createUser(bad, 'a@x');
    const res = await scim(bad, 'PATCH', `/Users/${id}`, { body });
    expect(pick(res.json, 'name.givenName')).toBe('One');
    expect(pick(res.json, 'name.familyName')).not.toBe('Two');
  });

  quirkTest('patch-op-case-sensitive', '"Replace" is refused', async () => {
    const [ok, bad] = await pair('patch-op-case-sensitive');
    const body = patchBody({ op: 'Replace', value: { active: false } });
    expect((await scim(ok, 'PATCH', `/Users/${await createUser(ok, 'a@x')}`, { body })).status).toBe(200);
    const id = await createUser(bad, 'a@x');
    expect((await scim(bad, 'PATCH', `/Users/${id}`, { body })).status).toBe(400);
    expect((await scim(bad, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) })).status).toBe(200);
  });

  quirkTest('content-type-json', 'answers are labelled application/json', async () => {
    const [ok, bad] = await pair('content-type-json');
    expect((await scim(ok, 'GET', '/Users')).headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect((await scim(bad, 'GET', '/Users')).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await scim(bad, 'GET', '/Users/nope')).headers.get('content-type')).toMatch(/^application\/json/);
  });

  quirkTest('scimtype-on-404', 'a 404 Error carries a scimType', async () => {
    const [ok, bad] = await pair('scimtype-on-404');
    expect((await scim(ok, 'GET', '/Users/nope')).json).not.toHaveProperty('scimType');
    expect((await scim(bad, 'GET', '/Users/nope')).json).toMatchObject({ status: '404', scimType: 'invalidValue' });
  });

  quirkTest('etag-undeclared', 'ETag headers although etag is declared unsupported', async () => {
    const [ok, bad] = await pair('etag-undeclared');
    for (const srv of [ok, bad]) expect((await scim(srv, 'GET', '/ServiceProviderConfig')).json).toMatchObject({ etag: { supported: false } });
    expect((await scim(ok, 'GET', `/Users/${await createUser(ok, 'a@x')}`)).headers.get('etag')).toBeNull();
    expect((await scim(bad, 'GET', `/Users/${await createUser(bad, 'a@x')}`)).headers.get('etag')).toMatch(/\S/);
  });

  quirkTest('declare-no-change-password', 'declares changePassword unsupported and refuses password changes', async () => {
    const [ok, bad] = await pair('declare-no-change-password');
    expect((await scim(ok, 'GET', '/ServiceProviderConfig')).json).toMatchObject({ changePassword: { supported: true } });
    expect((await scim(bad, 'GET', '/ServiceProviderConfig')).json).toMatchObject({ changePassword: { supported: false } });
    const id = await createUser(bad, 'a@x');
    expect((await scim(bad, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { password: 'n3wPassw' } }) })).status).toBe(400);
    expect((await scim(bad, 'PATCH', `/Users/${id}`, { body: patchBody({ op: 'replace', value: { active: false } }) })).status).toBe(200);
  });

  quirkTest('drop-enterprise', 'the enterprise extension is accepted and never returned', async () => {
    const [ok, bad] = await pair('drop-enterprise');
    const extra = { schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'Finance' } };
    for (const [srv, kept] of [[ok, true], [bad, false]] as const) {
      const id = await createUser(srv, 'a@x', extra);
      const read = await scim(srv, 'GET', `/Users/${id}`);
      expect(read.status).toBe(200);
      expect(pick(read.json, 'schemas')).toEqual(kept ? [USER, ENTERPRISE] : [USER]);
      expect((read.json as Record<string, unknown>)[ENTERPRISE]).toEqual(kept ? { department: 'Finance' } : undefined);
    }
  });

  quirkTest('phone-numbers-single', 'phoneNumbers comes back as one object', async () => {
    const [ok, bad] = await pair('phone-numbers-single');
    const phoneNumbers = [{ value: '415.123.4567', type: 'work', primary: true }];
    expect(pick((await scim(ok, 'GET', `/Users/${await createUser(ok, 'a@x', { phoneNumbers })}`)).json, 'phoneNumbers')).toEqual(phoneNumbers);
    const id = await createUser(bad, 'a@x', { phoneNumbers });
    expect(pick((await scim(bad, 'GET', `/Users/${id}`)).json, 'phoneNumbers')).toEqual(phoneNumbers[0]);
    expect(pick((await scim(bad, 'GET', '/Users')).json, 'Resources.0.phoneNumbers')).toEqual(phoneNumbers[0]);
  });

  quirkTest('clear-ignored', 'an empty value keeps the old one', async () => {
    const [ok, bad] = await pair('clear-ignored');
    for (const [srv, cleared] of [[ok, true], [bad, false]] as const) {
      const id = await createUser(srv, 'a@x', { title: 'Engineer', name: { givenName: 'A', familyName: 'B', middleName: 'M' } });
      const put = await scim(srv, 'PUT', `/Users/${id}`, { body: oktaUser('a@x', { title: '', name: { givenName: 'A', familyName: 'B', middleName: '' } }) });
      expect(put.status).toBe(200);
      const read = (await scim(srv, 'GET', `/Users/${id}`)).json;
      expect([undefined, ''].includes(pick(read, 'title') as string | undefined)).toBe(cleared);
      expect([undefined, ''].includes(pick(read, 'name.middleName') as string | undefined)).toBe(cleared);
    }
  });

  quirkTest('error-content-type-text', 'error answers are labelled text/plain', async () => {
    const [ok, bad] = await pair('error-content-type-text');
    expect((await scim(ok, 'GET', '/Users/nope')).headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const res = await scim(bad, 'GET', '/Users/nope');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.json).toMatchObject({ schemas: [ERROR], status: '404' });
    expect((await scim(bad, 'GET', '/Users')).headers.get('content-type')).toMatch(/^application\/scim\+json/);
  });

  quirkTest('schema-single-valued', '/Schemas calls phoneNumbers and addresses single-valued', async () => {
    const [ok, bad] = await pair('schema-single-valued');
    const attr = async (srv: RunningServer, path: string, name: string): Promise<unknown> => {
      const json = (await scim(srv, 'GET', path)).json as { attributes?: Array<Record<string, unknown>>; Resources?: Array<{ id: string; attributes: Array<Record<string, unknown>> }> };
      const attributes = json.attributes ?? json.Resources?.find((r) => r.id === USER)?.attributes ?? [];
      return attributes.find((a) => a['name'] === name)?.['multiValued'];
    };
    expect(await attr(ok, `/Schemas/${USER}`, 'phoneNumbers')).toBe(true);
    expect(await attr(bad, `/Schemas/${USER}`, 'phoneNumbers')).toBe(false);
    expect(await attr(bad, '/Schemas', 'addresses')).toBe(false);
    expect(await attr(bad, `/Schemas/${USER}`, 'emails')).toBe(true);
  });

  quirkTest('drop-advertised', 'ims and roles are accepted and never returned; other attributes are', async () => {
    const [ok, bad] = await pair('drop-advertised');
    const extra = { ims: [{ value: 'jane', type: 'work' }], roles: [{ value: 'admin' }], title: 'Engineer' };
    for (const [srv, kept] of [[ok, true], [bad, false]] as const) {
      const read = (await scim(srv, 'GET', `/Users/${await createUser(srv, 'a@x', extra)}`)).json;
      expect(pick(read, 'ims')).toEqual(kept ? extra.ims : undefined);
      expect(pick(read, 'roles')).toEqual(kept ? extra.roles : undefined);
      expect(pick(read, 'title')).toBe('Engineer');
    }
  });

  quirkTest('drop-custom-extension', 'the custom extension is accepted and never returned; the enterprise one is', async () => {
    const [ok, bad] = await pair('drop-custom-extension');
    const EXAMPLE = 'urn:ietf:params:scim:schemas:extension:example:2.0:User';
    const extra = { schemas: [USER, ENTERPRISE, EXAMPLE], [ENTERPRISE]: { department: 'Finance' }, [EXAMPLE]: { badgeNumber: 'B-7', remote: true } };
    for (const [srv, kept] of [[ok, true], [bad, false]] as const) {
      const read = (await scim(srv, 'GET', `/Users/${await createUser(srv, 'a@x', extra)}`)).json as Record<string, unknown>;
      expect(read[EXAMPLE]).toEqual(kept ? { badgeNumber: 'B-7', remote: true } : undefined);
      expect(pick(read, 'schemas')).toEqual(kept ? [USER, ENTERPRISE, EXAMPLE] : [USER, ENTERPRISE]);
      expect(read[ENTERPRISE]).toEqual({ department: 'Finance' });
    }
  });

  it('every quirk in QUIRKS has a test here', () => {
    expect([...tested].sort()).toEqual(Object.keys(QUIRKS).sort());
  });
});
