// The model a valid suite loads into: defaults, pointers, query order, fixture merge, locations.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScimCheckError, ScimCheckErrors } from '../../src/errors.js';
import { loadSuiteFile, loadSuiteText } from '../../src/suite/index.js';
import type { Suite } from '../../src/suite/index.js';

const valid = fileURLToPath(new URL('../../fixtures/suites/valid/', import.meta.url));
const bodies = fileURLToPath(new URL('../../fixtures/suites/bodies/', import.meta.url));
const options = { fixturesDir: bodies };

function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimCheckErrors) return error.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.code} ${e.detail}`);
    throw error;
  }
  throw new Error('expected the suite to be rejected');
}

describe('loadSuiteFile on the full-grammar suite', async () => {
  const suite: Suite = await loadSuiteFile(`${valid}full.yaml`, { ...options, displayPath: 'valid/full.yaml' });
  const [lookup, create, paged, malformed] = suite.steps;

  it('keeps the suite fields and shows the display path', () => {
    expect(suite).toMatchObject({ id: 'users.full', okta: 'Create Users', feature: 'createUsers', level: 'recommended', tags: ['users', 'write'] });
    expect(suite.file).toBe('valid/full.yaml');
    expect(suite.steps.map((s) => s.id)).toEqual(['lookup', 'create', 'import', 'malformed']);
  });

  it('cascades levels: expectation → step → suite', () => {
    expect(lookup?.level).toBe('required');
    expect(lookup?.expect[0]?.level).toBe('required');
    expect(create?.level).toBe('recommended');
    expect(create?.expect.map((e) => e.level)).toEqual(['recommended', 'optional']);
    expect(malformed?.expect[0]?.level).toBe('optional');
  });

  it('keeps query order as written and stringifies numbers', () => {
    expect(lookup?.request.query).toEqual([
      ['filter', 'userName eq "{{ user.userName }}"'],
      ['startIndex', '1'],
      ['count', '100'],
      ['2', 'second'],
    ]);
    expect(lookup?.request.headers).toEqual({ 'User-Agent': 'Okta SCIM Client 1.0.0', 'X-Count': '3' });
  });

  it('merges a fixture with shallow overrides, templates left for the runner', () => {
    expect(create?.request.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: '{{ user.userName }}',
      name: { givenName: 'Alice', familyName: 'Example' },
      emails: [{ primary: true, value: '{{ user.userName }}', type: 'work' }],
      displayName: '{{ user.userName | upper }}',
      active: true,
    });
    expect(create?.cleanup[1]?.body).toMatchObject({ Operations: [{ op: 'replace', value: { active: false } }] });
  });

  it('fills pointers that locate each part in the file', () => {
    expect(create?.pointer).toBe('/steps/1');
    expect(create?.request.pointer).toBe('/steps/1/request');
    expect(create?.expect.map((e) => e.pointer)).toEqual(['/steps/1/expect/0', '/steps/1/expect/1']);
    expect(suite.locate(`${create?.expect[1]?.pointer ?? ''}`)).toEqual({ file: 'valid/full.yaml', line: 64, column: 9 });
    // A single `expect:` mapping is expectation 0; its pointer still resolves to the mapping.
    expect(lookup?.expect[0]?.pointer).toBe('/steps/0/expect/0');
    expect(suite.locate(`${lookup?.expect[0]?.pointer ?? ''}/status`)).toEqual({ file: 'valid/full.yaml', line: 36, column: 15 });
    expect(malformed?.cleanup.map((c) => c.pointer)).toEqual(['/steps/3/cleanup/0']);
    expect(suite.locate('/steps/3/cleanup/0/path')).toMatchObject({ line: 92, column: 38 });
  });

  it('normalises cleanup, capture, paging, when and writes', () => {
    expect(create?.cleanup.map((c) => c.method)).toEqual(['DELETE', 'PATCH']);
    expect(create?.capture).toEqual({ userId: 'body.id', location: 'header.location' });
    expect(lookup?.capture).toEqual({});
    expect(paged?.paging).toEqual({ count: 2 });
    expect(paged?.request.rawQuery).toBe('startIndex={{ page.startIndex }}&count={{ page.count }}');
    expect(lookup?.when).toEqual({ variant: 'oin', support: 'any', features: ['createUsers', 'importUsers'] });
    expect(suite.steps.map((s) => s.writes)).toEqual([false, true, false, true]);
    expect(malformed?.request.rawBody).toBe('{not json');
    expect(malformed?.request.body).toBeUndefined();
  });

  it('keeps status lists, schema names and matcher trees as written', () => {
    expect(create?.expect[0]?.status).toEqual([201]);
    expect(create?.expect[0]?.schema).toBe('User');
    expect(lookup?.expect[0]?.headers).toEqual({ 'content-type': { $match: 'application/(scim\\+)?json' } });
    expect(lookup?.expect[0]?.maxTimeMs).toBe(600);
  });
});

describe('loadSuiteFile defaults', () => {
  it('fills defaults on the minimal suite', async () => {
    const suite = await loadSuiteFile(`${valid}minimal.yaml`, options);
    expect(suite.level).toBe('required');
    expect(suite.tags).toEqual([]);
    expect(suite.vars).toEqual({});
    expect(suite.file).toBe(`${valid}minimal.yaml`);
    expect(suite.steps[0]).toMatchObject({ level: 'required', tags: [], capture: {}, cleanup: [], writes: false });
    expect(suite.steps[0]?.expect).toEqual([{ level: 'required', status: 200, schema: 'ServiceProviderConfig', pointer: '/steps/0/expect/0' }]);
  });

  it('reports a missing file as input.notFound naming the path', async () => {
    const error = await loadSuiteFile('nope/missing.yaml', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimCheckError);
    expect(error).toMatchObject({ code: 'input.notFound', exitCode: 3 });
    expect((error as ScimCheckError).detail).toContain('nope/missing.yaml');
  });
});

const envSuite = `id: env
title: Env
vars: { who: '{{ env.SCIM_USER }}' }
steps:
  - id: a
    title: A
    request: { method: GET, path: '/Users/{{ appUser.id }}' }
`;

describe('pre-flight template checks that depend on options', () => {
  it('checks env names only when an env is given', () => {
    expect(errorsOf(() => loadSuiteText(envSuite, 'e.yaml', { ...options, env: {}, extraVarRoots: ['appUser'] }))).toEqual([
      '3:15 suite.envUnset {{ env.SCIM_USER }} needs the environment variable SCIM_USER, which is not set',
    ]);
    expect(loadSuiteText(envSuite, 'e.yaml', { ...options, env: { SCIM_USER: 'x' }, extraVarRoots: ['appUser'] }).steps).toHaveLength(1);
  });

  it('accepts profile variable roots given as extraVarRoots, and not otherwise', () => {
    expect(errorsOf(() => loadSuiteText(envSuite, 'e.yaml', options))).toEqual([
      '7:43 suite.unknownTemplate unknown template name "appUser.id"',
    ]);
  });

  it('rejects a variable that uses one defined after it', () => {
    const text = "id: v\ntitle: V\nvars:\n  a: '{{ b }}'\n  b: x\nsteps:\n  - { id: s, title: S, request: { method: GET, path: / } }\n";
    expect(errorsOf(() => loadSuiteText(text, 'v.yaml', options))).toEqual([
      '4:7 suite.unknownTemplate {{ b }} uses variable "b" before it is defined; a variable may only use the ones above it',
    ]);
  });

  it('locates a template that comes from a fixture at the $fixture line', () => {
    const text = 'id: f\ntitle: F\nsteps:\n  - id: s\n    title: S\n    request:\n      method: POST\n      path: /Users\n      body: { $fixture: users/create-user.json }\n';
    expect(errorsOf(() => loadSuiteText(text, 'f.yaml', options))).toEqual([
      '9:25 suite.unknownTemplate unknown template name "user.userName" (in fixture users/create-user.json)',
    ]);
  });

  it('rejects an empty file and a non-mapping document', () => {
    expect(errorsOf(() => loadSuiteText('', 'x.yaml', options))).toEqual(['1:1 suite.type the suite must be a mapping, got null']);
    expect(errorsOf(() => loadSuiteText('- a\n', 'x.yaml', options))).toEqual(['1:1 suite.type the suite must be a mapping, got a list']);
  });
});

describe('YAML conveniences', () => {
  it('supports anchors and merge keys, keeping written query keys first', () => {
    const text = [
      'id: m',
      'title: M',
      'steps:',
      '  - id: a',
      '    title: A',
      '    request: { method: GET, path: /Users, query: &q { count: 10, startIndex: 1 } }',
      '    expect: &ok { status: 200, schema: ListResponse }',
      '  - id: b',
      '    title: B',
      '    request: { method: GET, path: /Groups, query: { filter: x, <<: *q } }',
      '    expect: *ok',
      '',
    ].join('\n');
    const suite = loadSuiteText(text, 'm.yaml', options);
    expect(suite.steps[1]?.request.query).toEqual([
      ['filter', 'x'],
      ['count', '10'],
      ['startIndex', '1'],
    ]);
    expect(suite.steps[1]?.expect[0]).toMatchObject({ status: 200, schema: 'ListResponse' });
    expect(suite.locate('/steps/1/expect/0/status')).toMatchObject({ line: 7, column: 27 });
  });
});
