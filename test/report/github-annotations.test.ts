import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Check } from '../../src/assert/types.js';
import type { RunSummary, StepResult } from '../../src/runner/types.js';
import { ANNOTATIONS_PER_KIND, repositoryFileResolver, runAnnotations } from '../../src/report/github-annotations.js';
import { toAnnotations } from '../../src/report/github.js';
import { ROOT } from '../support/run-cli.js';
import { failingSummary, passingSummary } from './support/summary-fixture.js';

function check(kind: Check['kind'], pointer: string, message: string, level: Check['level'] = 'required', line = 30): Check {
  return { kind, pointer, message, level, expected: 1, actual: '1', passed: false, location: { file: 'my-suite.yaml', line, column: 9 } };
}

function step(stepId: string, checks: Check[], warnings: Check[] = []): StepResult {
  return { suiteId: 'mine', stepId, title: stepId, level: 'required', status: warnings.length === checks.length ? 'passed' : 'failed', checks, warnings, exchanges: [], durationMs: 1, location: { file: 'my-suite.yaml', line: 5, column: 3 } };
}

function summaryOf(steps: StepResult[]): RunSummary {
  const base = passingSummary();
  return { ...base, cleanup: [], suites: [{ ...base.suites[0]!, suiteId: 'mine', file: 'my-suite.yaml', steps }] };
}

describe('github annotations: one per expectation', () => {
  it('merges the schema and body checks of one pointer into one annotation on the body line', () => {
    const body = check('body', '/totalResults', 'expected a value of type integer, got string "0"', 'required', 33);
    const schema = check('schema', '/totalResults', '/totalResults must be integer, got string "0"', 'required', 30);
    const other = check('body', '/startIndex', 'expected a value of type integer, got string "1"', 'required', 34);
    const annotations = runAnnotations(summaryOf([step('list', [schema, body, other])]));
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatchObject({ command: 'error', location: { line: 33 }, title: 'mine › list: body /totalResults' });
    expect(annotations[0]!.message).toBe('expected a value of type integer, got string "0"\nalso (schema): /totalResults must be integer, got string "0"');
    expect(annotations[1]!.title).toBe('mine › list: body /startIndex');
  });

  it('a warning of the same pointer joins the error instead of a second annotation', () => {
    const body = check('body', '/totalResults', 'expected integer', 'required', 33);
    const schema = check('schema', '/totalResults', 'must be integer', 'recommended', 46);
    const annotations = runAnnotations(summaryOf([step('list', [body, schema], [schema])]));
    expect(annotations.map((a) => a.command)).toEqual(['error']);
    expect(annotations[0]!.message).toContain('also (schema, recommended): must be integer');
  });
});

describe('github annotations: within GitHub limits, most important first', () => {
  it('keeps 9 of each kind and adds one summary annotation per kind past the limit', () => {
    const steps: StepResult[] = [];
    for (let i = 0; i < 15; i += 1) {
      const required = check('status', '', `required failure ${i}`, 'required', 100 + i);
      const optional = check('status', '', `optional failure ${i}`, 'optional', 200 + i);
      steps.push(step(`s${i}`, [optional, required], [optional]));
    }
    const recommendedGate = check('header', 'location', 'recommended but gated', 'recommended', 300);
    steps.unshift(step('gated', [recommendedGate]));
    const summary = summaryOf(steps);
    summary.notices = ['TLS certificate verification is OFF (--insecure)'];
    const text = toAnnotations(summary);
    const lines = text.trimEnd().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error'));
    const warnings = lines.filter((l) => l.startsWith('::warning'));
    expect(errors).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(warnings).toHaveLength(ANNOTATIONS_PER_KIND);
    // Required failures come before a recommended one that failed the gate, in run order.
    expect(errors.slice(0, 9).map((l) => /::(required failure \d+)/.exec(l)?.[1])).toEqual(Array.from({ length: 9 }, (_, i) => `required failure ${i}`));
    expect(errors[9]).toBe(`::error title=scim-check%3A 7 more failures::GitHub shows 10 error annotations per step; 7 more failures of run 0a1b2c3d are in the job summary and in the JUnit/HTML reports.`);
    // The notice leads the warnings.
    expect(warnings[0]).toContain('::warning title=scim-check::TLS certificate verification is OFF');
    expect(warnings[9]).toContain('title=scim-check%3A 7 more warnings::');
  });

  it('an errored step leads, since what follows it usually fails because of it', () => {
    const text = toAnnotations(failingSummary());
    const errors = text.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors[0]).toContain('title=password.sync › after%3A Connection refused');
    expect(errors).toHaveLength(4);
  });

  it('exactly at the limit: no summary annotation', () => {
    const steps = Array.from({ length: ANNOTATIONS_PER_KIND }, (_, i) => step(`s${i}`, [check('status', '', `f${i}`)]));
    const errors = toAnnotations(summaryOf(steps)).trimEnd().split('\n');
    expect(errors).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(errors.some((l) => l.includes('more failures'))).toBe(false);
  });
});

describe('github annotations: a file only when it is in the user repository', () => {
  function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-ws-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'scim'), { recursive: true });
    writeFileSync(join(dir, 'scim', 'mine.yaml'), 'id: mine\n');
    mkdirSync(join(dir, 'node_modules', 'scim-check', 'suites', 'okta'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'scim-check', 'suites', 'okta', 'users-create.yaml'), 'id: x\n');
    return dir;
  }

  it('names user files relative to the repository root, and built-in, installed or outside files not at all', () => {
    const ws = workspace();
    const fromSubdir = repositoryFileResolver(join(ws, 'scim'), { GITHUB_WORKSPACE: ws });
    expect(fromSubdir('mine.yaml')).toBe('scim/mine.yaml');
    expect(fromSubdir(join(ws, 'scim', 'mine.yaml'))).toBe('scim/mine.yaml');
    // A built-in suite's display path (relative to the scim-check package) is not a file of this repository.
    expect(fromSubdir('suites/okta/users-create.yaml')).toBeUndefined();
    expect(fromSubdir('../node_modules/scim-check/suites/okta/users-create.yaml')).toBeUndefined();
    expect(fromSubdir(join(ROOT, 'test/e2e/suites/create-and-read.yaml'))).toBeUndefined();
    // Without GITHUB_WORKSPACE the repository is the directory of the run.
    expect(repositoryFileResolver(ws, {})('scim/mine.yaml')).toBe('scim/mine.yaml');
  });

  it('a built-in suite stays built-in even inside the scim-check repository itself, and through a symlink', () => {
    const inRepo = repositoryFileResolver(ROOT, {});
    expect(inRepo('suites/okta/users-create.yaml')).toBeUndefined();
    expect(inRepo('test/e2e/suites/create-and-read.yaml')).toBe('test/e2e/suites/create-and-read.yaml');
    const ws = workspace();
    symlinkSync(join(ROOT, 'suites/okta'), join(ws, 'linked'));
    expect(repositoryFileResolver(ws, {})('linked/users-create.yaml')).toBeUndefined();
  });

  it('an annotation of a built-in suite has no file, line or column, and says which suite and step', () => {
    const text = toAnnotations(failingSummary(), () => undefined);
    expect(text).toContain('::error title=users.create › create%3A status::expected 201 Created, got 200 OK');
    expect(text).not.toContain('file=');
  });
});
