// Every built-in suite and profile loads without error, and the facts the Okta replay depends on hold in them:
// Okta's headers on every request, the run id in every created name, cleanup for every create, a `why` everywhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProfilesDir, builtinSuitesDir, fixturesDir, loadProfileFile, loadSuiteFile } from '../../src/suite/index.js';
import type { Profile, Step, Suite } from '../../src/suite/index.js';

const FEATURES = [
  'testCredentials',
  'importUsers',
  'createUsers',
  'updateUsers',
  'deactivateUsers',
  'passwordSync',
  'pushGroups',
  'linkGroups',
  'importGroups',
  'discovery',
  'protocol',
  'oinSpecTest',
];

const suiteFiles = readdirSync(builtinSuitesDir()).filter((f) => f.endsWith('.yaml')).sort();
const profileFiles = readdirSync(builtinProfilesDir()).filter((f) => f.endsWith('.yaml')).sort();

async function loadAll(): Promise<Suite[]> {
  return Promise.all(suiteFiles.map((f) => loadSuiteFile(join(builtinSuitesDir(), f), { fixturesDir: fixturesDir(), displayPath: `suites/okta/${f}` })));
}

function header(step: Step, name: string, which: 'request' | number = 'request'): string | undefined {
  const spec = which === 'request' ? step.request : step.cleanup[which];
  const found = Object.entries(spec?.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found?.[1];
}

describe('built-in suites', () => {
  it('has one suite file per Okta feature', () => {
    expect(suiteFiles).toEqual([
      'discovery.yaml',
      'groups-import.yaml',
      'groups-link.yaml',
      'groups-push.yaml',
      'import-users.yaml',
      'oin-spec-test.yaml',
      'password-sync.yaml',
      'protocol.yaml',
      'test-credentials.yaml',
      'users-create.yaml',
      'users-deactivate.yaml',
      'users-update.yaml',
    ]);
  });

  it.each(suiteFiles)('%s loads without error', async (file) => {
    const suite = await loadSuiteFile(join(builtinSuitesDir(), file), { fixturesDir: fixturesDir(), displayPath: `suites/okta/${file}` });
    expect(suite.steps.length).toBeGreaterThan(0);
    expect(FEATURES).toContain(suite.feature);
  });

  it('covers every feature exactly once', async () => {
    const features = (await loadAll()).map((s) => s.feature).sort();
    expect(features).toEqual([...FEATURES].sort());
  });

  it("sends Okta's headers on every request (the SPEC test's own headers in oin-spec-test)", async () => {
    for (const suite of await loadAll()) {
      for (const step of suite.steps) {
        const where = `${suite.id}.${step.id}`;
        const spec = suite.feature === 'oinSpecTest';
        const accept = header(step, 'Accept');
        const agent = header(step, 'User-Agent');
        if (spec) {
          expect.soft(accept, where).toMatch(/^application\/scim\+json/);
          // SPEC step 6 and 8 send no User-Agent (okta-protocol.md §3.2); the others send Runscope's.
          if (agent !== undefined) expect.soft(agent, where).toBe('OKTA SCIM Integration');
          continue;
        }
        expect.soft(agent, where).toBe('Okta SCIM Client 1.0.0');
        expect.soft(accept, where).toBe('application/scim+json');
        expect.soft(header(step, 'Accept-Charset'), where).toBe('utf-8');
        expect.soft(header(step, 'Accept-Encoding'), where).toBe('gzip,deflate');
        const contentType = header(step, 'Content-Type');
        if (step.request.body !== undefined || step.request.rawBody !== undefined) expect.soft(contentType, where).toBe('application/scim+json; charset=utf-8');
        else expect.soft(contentType, where).toBeUndefined();
      }
    }
  });

  it('registers cleanup for everything it creates, with a deactivation fallback for users', async () => {
    for (const suite of await loadAll()) {
      for (const step of suite.steps) {
        if (step.request.method !== 'POST' || !/^\/(Users|Groups)$/.test(step.request.path)) continue;
        const where = `${suite.id}.${step.id}`;
        // A POST that must be refused (duplicates) has nothing to clean up unless the server wrongly accepts it.
        const refused = step.expect.some((e) => e.status === 409 || e.status === 400);
        if (refused) continue;
        expect.soft(step.cleanup.length, where).toBeGreaterThan(0);
        expect.soft(step.cleanup[0]?.method, where).toBe('DELETE');
        if (step.request.path === '/Users') {
          expect.soft(step.cleanup[1]?.method, where).toBe('PATCH');
          expect.soft(step.cleanup[1]?.body, where).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
        }
      }
    }
  });

  it('puts the run id in every userName, externalId and displayName it creates', async () => {
    for (const suite of await loadAll()) {
      for (const step of suite.steps) {
        if (step.request.method !== 'POST') continue;
        const body = JSON.stringify(step.request.body ?? {});
        for (const key of ['userName', 'externalId', 'displayName']) {
          const match = new RegExp(`"${key}":"([^"]*)"`).exec(body);
          if (match === null) continue;
          const value = match[1] ?? '';
          // Either the run id itself, or a variable whose definition carries it.
          const resolved = value.replace(/\{\{\s*([\w.]+)\s*(?:\|\s*\w+\s*)?\}\}/g, (_, path: string) => {
            let current: unknown = suite.vars;
            for (const segment of path.split('.')) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
            return typeof current === 'string' ? current : `{{ ${path} }}`;
          });
          if (key === 'displayName' && resolved === '') continue;
          expect.soft(resolved, `${suite.id}.${step.id} ${key}`).toContain('{{ run.id }}');
        }
      }
    }
  });

  it('says why for every step or expectation, citing a source', async () => {
    const source = /okta-protocol\.md|RFC \d+|SPEC test|C\d{4}/;
    for (const suite of await loadAll()) {
      for (const step of suite.steps) {
        const texts = [step.why, ...step.expect.map((e) => e.why)].filter((t): t is string => t !== undefined);
        expect.soft(texts.length, `${suite.id}.${step.id}`).toBeGreaterThan(0);
        for (const text of texts) expect.soft(text, `${suite.id}.${step.id}`).toMatch(source);
      }
    }
  });
});

describe('fixtures', () => {
  const dir = join(fixturesDir(), 'okta');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s is JSON', (file) => {
    expect(() => JSON.parse(readFileSync(join(dir, file), 'utf8'))).not.toThrow();
  });

  it("create-user.json is Okta's create body: externalId, groups [], an 8-character password, active true", () => {
    const body = JSON.parse(readFileSync(join(dir, 'create-user.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['schemas', 'userName', 'name', 'emails', 'displayName', 'locale', 'externalId', 'groups', 'password', 'active']);
    expect(body['groups']).toEqual([]);
    expect(body['active']).toBe(true);
  });

  it('every user the suites create carries an 8-character alphanumeric placeholder password', async () => {
    for (const suite of await loadAll()) {
      const user = suite.vars['user'];
      if (typeof user !== 'object' || user === null) continue;
      const password = (user as Record<string, unknown>)['password'];
      if (password !== undefined) expect.soft(password, suite.id).toMatch(/^[A-Za-z0-9]{8}$/);
    }
  });
});

describe('built-in profiles', () => {
  async function profiles(): Promise<Profile[]> {
    return Promise.all(profileFiles.map((f) => loadProfileFile(join(builtinProfilesDir(), f), { displayPath: `suites/profiles/${f}`, knownFeatures: FEATURES })));
  }

  it('has okta, okta-aiw and postman', () => {
    expect(profileFiles).toEqual(['okta-aiw.yaml', 'okta.yaml', 'postman.yaml']);
  });

  it.each(profileFiles)('%s loads without error and names every feature', async (file) => {
    const profile = await loadProfileFile(join(builtinProfilesDir(), file), { displayPath: `suites/profiles/${file}`, knownFeatures: FEATURES });
    expect(Object.keys(profile.features).sort()).toEqual([...FEATURES].sort());
    for (const [feature, support] of Object.entries(profile.features)) {
      if (support !== 'on') expect.soft(profile.notes[feature], `${profile.id}: note for ${feature}`).toMatch(/okta-protocol\.md|Postman|Okta/);
    }
  });

  it('okta is an OIN app, okta-aiw an AIW app, postman an OIN app with password sync unsupported', async () => {
    const byId = new Map((await profiles()).map((p) => [p.id, p]));
    expect(byId.get('okta')?.variant).toBe('oin');
    expect(byId.get('okta-aiw')?.variant).toBe('aiw');
    const postman = byId.get('postman');
    expect(postman?.variant).toBe('oin');
    expect(postman?.baseUrl).toBe('https://api.getpostman.com/scim/v2');
    expect(postman?.features).toMatchObject({
      createUsers: 'on',
      updateUsers: 'on',
      deactivateUsers: 'on',
      pushGroups: 'on',
      linkGroups: 'on',
      passwordSync: 'unsupported',
      discovery: 'off',
    });
  });
});
