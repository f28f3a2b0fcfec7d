// `defaults.expect` and `defaults.checks`: what every step of a suite checks besides its own, and the built-in
// suites' use of it (the media type of every answer).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScimCheckErrors } from '../../src/errors.js';
import { builtinSuitesDir, fixturesDir, loadSuiteFile, loadSuiteText } from '../../src/suite/index.js';
import { JSON_CONTENT_TYPE, JSON_CONTENT_TYPE_CHECK } from '../../src/suite/content-type.js';

const SUITE = `id: s
title: S
defaults:
  checks: [shared-row]
  expect:
    - headers: { content-type: { $match: json } }
      level: optional
steps:
  - id: one
    title: one
    checks: [own-row]
    request: { method: GET, path: /Users }
    expect: { status: 200 }
  - id: two
    title: two
    request: { method: GET, path: /Groups }
`;

describe('defaults.expect', () => {
  it('is appended to every step, pointing at the defaults in the file', () => {
    const suite = loadSuiteText(SUITE, 's.yaml', { fixturesDir: fixturesDir() });
    const [one, two] = suite.steps;
    expect(one?.expect.map((e) => [e.pointer, e.level])).toEqual([['/steps/0/expect/0', 'required'], ['/defaults/expect/0', 'optional']]);
    expect(two?.expect).toEqual([{ pointer: '/defaults/expect/0', level: 'optional', headers: { 'content-type': { $match: 'json' } } }]);
    expect(one?.checks).toEqual(['own-row', 'shared-row']);
    expect(suite.locate('/defaults/expect/0')).toMatchObject({ line: 6, column: 7 });
  });

  it('has its matchers checked like a step\'s', () => {
    let error: unknown;
    try {
      loadSuiteText(SUITE.replace('$match: json', '$matches: json'), 's.yaml', { fixturesDir: fixturesDir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimCheckErrors);
    expect((error as ScimCheckErrors).errors.map((e) => `${e.location?.line} ${e.detail}`).join('\n')).toMatch(/^6 .*\$matches.*did you mean "\$match"/m);
  });

  it('gives every built-in step the media-type expectation of src/suite/content-type.ts', async () => {
    for (const file of readdirSync(builtinSuitesDir()).filter((f) => f.endsWith('.yaml'))) {
      const suite = await loadSuiteFile(join(builtinSuitesDir(), file), { fixturesDir: fixturesDir() });
      for (const step of suite.steps) {
        const shared = step.expect.filter((e) => e.pointer.startsWith('/defaults/expect/'));
        expect(shared.map(({ pointer: _p, ...e }) => e), `${suite.id}.${step.id}`).toEqual([JSON_CONTENT_TYPE]);
        expect(step.checks, `${suite.id}.${step.id}`).toContain(JSON_CONTENT_TYPE_CHECK);
      }
    }
  });
});
