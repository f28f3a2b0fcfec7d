// Suite authoring aids: header sets and defaults, $fixture next to the suite, the $schema key.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ScimCheckErrors } from '../../src/errors.js';
import { loadSuiteFile, loadSuiteText } from '../../src/suite/index.js';
import { mergeHeaders } from '../../src/suite/header-sets.js';

const builtinFixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scim-check-authoring-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OKTA = { 'User-Agent': 'Okta SCIM Client 1.0.0', Accept: 'application/scim+json', 'Accept-Charset': 'utf-8', 'Accept-Encoding': 'gzip,deflate' };
const CT = { 'Content-Type': 'application/scim+json; charset=utf-8' };

describe('header sets and defaults', () => {
  const suite = loadSuiteText(
    `$schema: ./node_modules/scim-check/suites/suite.schema.json
id: h
title: H
defaults:
  headers: { $use: okta, X-Tenant: acme }
steps:
  - id: read
    title: Read
    request: { method: GET, path: /Users }
  - id: write
    title: Write
    request: { method: POST, path: /Users, body: {}, headers: { x-tenant: globex, Authorization: '' } }
    capture: { id: body.id }
    cleanup: { method: DELETE, path: '/Users/{{ id }}', headers: { $use: okta.write } }
  - id: raw
    title: Raw
    request: { method: POST, path: /Users, rawBody: '{', headers: { $use: okta.read } }
`,
    'h.yaml',
    { fixturesDir: builtinFixtures },
  );

  it('sends the okta set on every request, with Content-Type only when there is a body', () => {
    expect(suite.steps[0]?.request.headers).toEqual({ ...OKTA, 'X-Tenant': 'acme' });
    expect(suite.steps[1]?.request.headers).toEqual({ ...OKTA, 'x-tenant': 'globex', ...CT, Authorization: '' });
  });

  it('lets a request replace a default of the same name in any case, and name its own set', () => {
    expect(Object.keys(suite.steps[1]?.request.headers ?? {}).filter((h) => h.toLowerCase() === 'x-tenant')).toEqual(['x-tenant']);
    expect(suite.steps[1]?.cleanup[0]?.headers).toEqual({ ...OKTA, 'X-Tenant': 'acme', ...CT });
    // okta.read adds no Content-Type itself; the defaults' okta set still does, since the request has a body.
    expect(suite.steps[2]?.request.headers).toEqual({ ...OKTA, 'X-Tenant': 'acme', ...CT });
  });

  it('merges case-insensitively, keeping the first position', () => {
    expect(Object.entries(mergeHeaders({ A: '1', B: '2' }, { b: '3', C: '4' }))).toEqual([['A', '1'], ['b', '3'], ['C', '4']]);
  });
});

describe('$fixture', () => {
  it('reads a file next to the suite first, then the built-in fixtures', async () => {
    const home = mkdtempSync(join(dir, 'suite-'));
    mkdirSync(join(home, 'bodies'));
    writeFileSync(join(home, 'bodies', 'new-user.json'), '{"title":"Engineer","userName":"x"}');
    mkdirSync(join(home, 'okta'));
    writeFileSync(join(home, 'okta', 'deactivate-user.json'), '{"mine":true}');
    writeFileSync(
      join(home, 's.yaml'),
      `id: f
title: F
vars: { user: { userName: u, givenName: g, familyName: f, externalId: e, password: p } }
steps:
  - { id: own, title: Own, request: { method: POST, path: /Users, body: { $fixture: bodies/new-user.json, userName: y } } }
  - { id: shadow, title: Shadow, request: { method: PATCH, path: /Users/1, body: { $fixture: okta/deactivate-user.json } } }
  - { id: builtin, title: Builtin, request: { method: POST, path: /Users, body: { $fixture: okta/create-user.json } } }
`,
    );
    const suite = await loadSuiteFile(join(home, 's.yaml'), { fixturesDir: builtinFixtures });
    expect(suite.steps[0]?.request.body).toEqual({ title: 'Engineer', userName: 'y' });
    expect(suite.steps[1]?.request.body).toEqual({ mine: true });
    expect(suite.steps[2]?.request.body).toMatchObject({ userName: '{{ user.userName }}' });
  });

  it('refuses a path that climbs out of both folders', async () => {
    const home = mkdtempSync(join(dir, 'suite-'));
    writeFileSync(join(dir, 'secret.json'), '{}');
    writeFileSync(join(home, 's.yaml'), 'id: f\ntitle: F\nsteps:\n  - { id: a, title: A, request: { method: POST, path: /Users, body: { $fixture: ../secret.json } } }\n');
    const error = await loadSuiteFile(join(home, 's.yaml'), { fixturesDir: builtinFixtures, displayPath: 's.yaml' }).catch((e: unknown) => e);
    expect((error as ScimCheckErrors).errors.map((e) => e.code)).toEqual(['suite.fixtureOutside']);
  });
});
