// The small pure parts of watch and replay: template unification, live judging with unbound values left out,
// the credential check, header forwarding, path re-rooting, and replay's renaming and HAR reading.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareSchemas } from '../../src/assert/index.js';
import type { Exchange } from '../../src/http/types.js';
import { builtinSuitesDir, fixturesDir, loadSuiteFile } from '../../src/suite/index.js';
import type { Suite } from '../../src/suite/index.js';
import { judgeExchange } from '../../src/watch/judge.js';
import { credentialMatches, forwardHeaders, relativeTarget } from '../../src/watch/proxy.js';
import { parseHar, Rewriter } from '../../src/watch/replay.js';
import { unifyJson, unifyText } from '../../src/watch/unify.js';
import type { Bindings } from '../../src/watch/unify.js';

let create: Suite;
beforeAll(async () => {
  await prepareSchemas();
  create = await loadSuiteFile(join(builtinSuitesDir(), 'users-create.yaml'), { fixturesDir: fixturesDir(), displayPath: 'suites/okta/users-create.yaml' });
});

function exchange(status: number, json: unknown): Exchange {
  const body = JSON.stringify(json);
  return {
    request: { method: 'GET', url: 'http://x/scim/v2/Users', headers: {} },
    response: { status, statusText: '', httpVersion: '1.1', headers: { 'content-type': 'application/scim+json' }, body, bodySize: body.length, json },
    timings: { startedAt: new Date(0).toISOString(), connect: -1, wait: 1, receive: 1, total: 2 },
  };
}

describe('unify', () => {
  it('binds templates in paths, filters and bodies, and compares literals strictly only when asked', () => {
    const b: Bindings = {};
    expect(unifyText('/Users/{{ userId }}', '/Users/a%20b', b, true, decodeURIComponent)).toBe(true);
    expect(unifyText('/Users/{{ userId }}', '/Users/a/b', {}, true)).toBe(false);
    expect(unifyText('userName eq "{{ user.userName }}"', 'userName eq "ana@x.io"', b)).toBe(true);
    expect(unifyText('userName eq "{{ user.userName | upper }}"', 'userName eq "ANA"', b)).toBe(true);
    expect(b).toEqual({ userId: 'a b', user: { userName: 'ana@x.io' } });
    const op = { Operations: [{ op: 'replace', value: { active: false } }] };
    expect(unifyJson(op, { Operations: [{ op: 'replace', value: { active: false } }] }, {}, true)).toBe(true);
    expect(unifyJson(op, { Operations: [{ op: 'replace', value: { active: true } }] }, {}, true)).toBe(false);
    expect(unifyJson(op, { Operations: [{ op: 'replace', value: { password: 'x' } }] }, {}, true)).toBe(false);
    expect(unifyJson(op, { Operations: [{ op: 'replace', value: { password: 'x' } }] }, {}, false)).toBe(true);
  });
});

describe('judgeExchange', () => {
  it('judges with the step\'s expectations and leaves out what the live request could not bind', () => {
    const step = create.steps.find((s) => s.id === 'lookup-exact');
    if (step === undefined) throw new Error('no lookup-exact');
    const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'ana' }] };
    // userId is unknown live: `Resources: [{ id: '{{ userId }}' }]` is not checked, totalResults is.
    const passed = judgeExchange({ suite: create, step, exchange: exchange(200, list), bindings: { user: { userName: 'ana' } }, gate: 'required', label: '#1' });
    expect(passed.status).toBe('passed');
    expect(passed.checks.some((c) => c.pointer.startsWith('/Resources'))).toBe(false);
    expect(passed.location.file).toBe('suites/okta/users-create.yaml');
    const failed = judgeExchange({ suite: create, step, exchange: exchange(200, { ...list, totalResults: '1' }), bindings: {}, gate: 'required', label: '#2' });
    expect(failed.status).toBe('failed');
    expect(failed.checks.find((c) => !c.passed)?.pointer).toBe('/totalResults');
    expect(failed.title).toMatch(/^#2 /);
  });
});

describe('proxy helpers', () => {
  it('accepts the token as Bearer or bare, nothing else', () => {
    expect(credentialMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(credentialMatches('s3cret-token', 's3cret-token')).toBe(true);
    expect(credentialMatches('bearer  s3cret-token', 's3cret-token')).toBe(true);
    expect(credentialMatches('Bearer s3cret-tokenX', 's3cret-token')).toBe(false);
    expect(credentialMatches('Basic s3cret-token', 's3cret-token')).toBe(false);
    expect(credentialMatches(undefined, 's3cret-token')).toBe(false);
    expect(credentialMatches('', 's3cret-token')).toBe(false);
  });

  it('forwards end-to-end headers as named and drops hop-by-hop ones', () => {
    expect(forwardHeaders(['Host', 'p', 'User-Agent', 'Okta', 'Connection', 'keep-alive, X-Hop', 'X-Hop', '1', 'Accept', 'a', 'accept', 'b', 'Content-Length', '3', 'Proxy-Authorization', 'x'])).toEqual({ 'User-Agent': 'Okta', Accept: 'a, b' });
  });

  it('re-roots paths under the target\'s base path either way Okta is configured', () => {
    expect(relativeTarget('/scim/v2/Users?count=2', '/scim/v2')).toEqual({ path: '/Users', rawQuery: 'count=2' });
    expect(relativeTarget('/Users/abc', '/scim/v2')).toEqual({ path: '/Users/abc', rawQuery: '' });
    expect(relativeTarget('/scim/v2', '/scim/v2')).toEqual({ path: '/', rawQuery: '' });
  });
});

describe('replay', () => {
  it('renames unique values everywhere, maps ids and refreshes redacted passwords', () => {
    const r = new Rewriter('0a1b2c3d');
    r.learn({ userName: 'scim-check-99999999-ana@x.io', externalId: '00uana', displayName: 'Ana K', emails: [{ value: 'ana@work.io' }] });
    r.id('old-id', 'new-id');
    expect(r.text('/Users/old-id')).toBe('/Users/new-id');
    expect(r.query('filter=userName+eq+%22SCIM-CHECK-99999999-ANA%40X.IO%22&count=100')).toBe(`filter=${encodeURIComponent('userName eq "SCIM-CHECK-0A1B2C3D-ANA@X.IO"')}&count=100`);
    const body = r.json({ userName: 'scim-check-99999999-ana@x.io', password: '[REDACTED]', emails: [{ value: 'ana@work.io' }], Operations: [{ path: 'password', value: '[REDACTED]' }] }) as Record<string, unknown>;
    expect(body['userName']).toBe('scim-check-0a1b2c3d-ana@x.io');
    expect(body['emails']).toEqual([{ value: 'scim-check-0a1b2c3d-ana@work.io' }]);
    expect(body['password']).toMatch(/^Sc1m-[0-9a-f]{12}$/);
    expect((body['Operations'] as Array<Record<string, unknown>>)[0]?.['value']).toMatch(/^Sc1m-/);
  });

  it('reads a HAR, re-rooting paths and keeping the ids creates returned', () => {
    const har = JSON.stringify({
      log: {
        _scimCheck: { baseUrl: 'http://a/api/scim' },
        entries: [
          { request: { method: 'post', url: 'http://a/api/scim/Users', headers: [{ name: 'Accept', value: 'application/scim+json' }], postData: { text: '{}' } }, response: { status: 201, content: { text: '{"id":"u-1"}' } } },
          { request: { method: 'GET', url: 'http://b/other/Groups?startIndex=1&count=100', headers: [] }, response: { status: 200, content: { text: '' } } },
        ],
      },
    });
    const calls = parseHar(har, 'x.har');
    expect(calls.map((c) => [c.method, c.path, c.rawQuery, c.createdId])).toEqual([
      ['POST', '/Users', '', 'u-1'],
      ['GET', '/Groups', 'startIndex=1&count=100', undefined],
    ]);
    expect(() => parseHar('[]', 'x.har')).toThrow(/x\.har: no log\.entries/);
    expect(() => parseHar('{', 'x.har')).toThrow(/x\.har: not JSON/);
  });
});
