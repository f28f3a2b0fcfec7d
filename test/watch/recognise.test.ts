// The catalogue recognises each of Okta's calls as the suite step that replays it: every catalogue step's own
// request, expanded exactly as the runner expands it, comes back as that step (or as the earlier step it is
// byte-identical to), and requests Okta does not make are not recognised.
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandRequest } from '../../src/runner/run-step.js';
import { SuiteScope } from '../../src/runner/scope.js';
import { builtinProfilePath, builtinSuitesDir, fixturesDir, loadProfileFile, loadSuiteFile } from '../../src/suite/index.js';
import type { Profile, Suite } from '../../src/suite/index.js';
import { OKTA_CALLS, resolveCatalogue } from '../../src/watch/catalogue.js';
import type { KnownCall } from '../../src/watch/catalogue.js';
import { recognise } from '../../src/watch/recognise.js';
import type { LiveRequest } from '../../src/watch/recognise.js';

const BASE = 'http://127.0.0.1:9/scim/v2';
let suites: Suite[];
let profile: Profile;
let calls: KnownCall[];

beforeAll(async () => {
  const files = readdirSync(builtinSuitesDir()).filter((f) => f.endsWith('.yaml'));
  suites = await Promise.all(files.map((f) => loadSuiteFile(join(builtinSuitesDir(), f), { fixturesDir: fixturesDir(), displayPath: `suites/okta/${f}` })));
  profile = await loadProfileFile(builtinProfilePath('okta'));
  const resolved = resolveCatalogue(suites);
  expect(resolved.missing).toEqual([]);
  calls = resolved.calls;
});

/** The request the runner would send for a step, as the proxy would see it. */
function liveOf(suite: Suite, stepId: string): LiveRequest {
  const step = suite.steps.find((s) => s.id === stepId);
  if (step === undefined) throw new Error(`no step ${stepId}`);
  const scope = new SuiteScope(suite, profile, { id: 'abcd1234', startedAt: new Date(0).toISOString() }, {});
  for (const name of ['userId', 'groupId', 'memberId1', 'memberId2', 'userId1', 'groupId1']) scope.captures.set(name, `${name}-0f3e`);
  const pageQuery: Array<[string, string]> | undefined = step.paging === undefined ? undefined : [['startIndex', '101'], ['count', String(step.paging.count)]];
  const request = expandRequest(step.request, { scope, baseUrl: BASE }, {}, pageQuery);
  const url = new URL(request.url);
  return { method: request.method, path: url.pathname.slice('/scim/v2'.length), rawQuery: url.search.slice(1), json: request.body === undefined ? undefined : JSON.parse(request.body) };
}

function suite(id: string): Suite {
  const found = suites.find((s) => s.id === id);
  if (found === undefined) throw new Error(id);
  return found;
}

describe('recognise', () => {
  it('recognises each catalogue step from the request the runner sends for it', () => {
    // Byte-identical requests cannot be told apart; the earlier entry expects the same.
    const sameAs: Record<string, string> = {};
    const seen = new Set<string>();
    for (const entry of OKTA_CALLS) {
      const key = `${entry.suite} › ${entry.step}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const found = recognise(calls, liveOf(suite(entry.suite), entry.step));
      expect(found === undefined ? 'nothing' : `${found.call.suite.id} › ${found.call.step.id}`, key).toBe(sameAs[key] ?? key);
    }
  });

  it('binds what the request carries and tells the PATCH shapes apart', () => {
    const deactivate = recognise(calls, liveOf(suite('users.deactivate'), 'deactivate'));
    expect(deactivate?.call.step.id).toBe('deactivate');
    expect(deactivate?.bindings).toEqual({ userId: 'userId-0f3e' });
    const reactivate = recognise(calls, liveOf(suite('users.deactivate'), 'reactivate'));
    expect(reactivate?.call.step.id).toBe('reactivate');
    const create = recognise(calls, liveOf(suite('users.create'), 'create'));
    expect(create?.bindings['user']).toMatchObject({ userName: 'scim-check-abcd1234-create@example.com', givenName: 'Scim', familyName: 'Create-abcd1234' });
    const lookup = recognise(calls, liveOf(suite('users.create'), 'lookup'));
    expect(lookup?.call.step.id).toBe('lookup');
    expect(lookup?.bindings['user']).toEqual({ userName: 'scim-check-abcd1234-create@example.com' });
    // Okta's first /Groups page of an import is the same request as its credential test's group call.
    expect(recognise(calls, { method: 'GET', path: '/Groups', rawQuery: 'startIndex=1&count=100', json: undefined })?.call.suite.id).toBe('test-credentials');
    expect(recognise(calls, { method: 'GET', path: '/Groups', rawQuery: 'startIndex=101&count=100', json: undefined })?.call.suite.id).toBe('groups.import');
  });

  it('recognises an AIW PUT by what it carries', () => {
    const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'a@example.com', active: false };
    expect(recognise(calls, { method: 'PUT', path: '/Users/u1', rawQuery: '', json: user })?.call.step.id).toBe('aiw-put-deactivate');
    expect(recognise(calls, { method: 'PUT', path: '/Users/u1', rawQuery: '', json: { ...user, active: true, password: 'x' } })?.call.step.id).toBe('aiw-put-password');
    expect(recognise(calls, { method: 'PUT', path: '/Users/u1', rawQuery: '', json: { ...user, active: true } })?.call.step.id).toBe('put');
  });

  it('leaves calls Okta does not make unrecognised', () => {
    expect(recognise(calls, { method: 'DELETE', path: '/Users/u1', rawQuery: '', json: undefined })).toBeUndefined();
    expect(recognise(calls, { method: 'GET', path: '/Users', rawQuery: 'startIndex=3&count=2', json: undefined })).toBeUndefined();
    expect(recognise(calls, { method: 'GET', path: '/Users', rawQuery: 'filter=userName%20eq%20%22a%22&startIndex=1&count=100&extra=1', json: undefined })).toBeUndefined();
    expect(recognise(calls, { method: 'GET', path: '/Users/a/b', rawQuery: '', json: undefined })).toBeUndefined();
    expect(recognise(calls, { method: 'POST', path: '/Bulk', rawQuery: '', json: {} })).toBeUndefined();
  });
});
