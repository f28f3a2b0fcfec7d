// Every reporter at once through the real CLI against the reference server, passing and failing: exit codes, schema
// validation of the real JUnit, JSON and HAR output, and golden files (stabilised) of every artefact.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { harSchemaErrors } from '../report/support/validate-har.js';
import { jsonReportErrors } from '../report/support/json-report-validator.js';
import { normalizeArtefact, runIdOf } from '../report/support/normalize-artefact.js';
import { junitSchemaErrors } from '../report/support/validate-junit.js';
import { runCli } from '../support/run-cli.js';

const SUITE = 'test/e2e/golden/reporters/suite.yaml';
const TOKEN = 'golden-token-3c5e7a9b1d';
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-reporters-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Artefacts {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  junit: string;
  json: string;
  har: string;
  summary: string;
  runId: string;
}

/** One run with every reporter: json, junit and har to files, github (and pretty) on stdout. */
async function runAll(quirks: string[]): Promise<Artefacts> {
  server = await startServer({ port: 0, token: TOKEN, quirks: quirks.map(parseQuirk) });
  const dir = tempDir();
  const r = await runCli(
    ['run', SUITE, '--base-url', server.baseUrl, '--reporter', `junit=${dir}/reports/junit.xml`, '--reporter', `json=${dir}/report.json`, '--reporter', `har=${dir}/run.har`, '--reporter', 'github'],
    { env: { SCIM_TOKEN: TOKEN, GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } },
  );
  await server.close();
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  const json = read('report.json');
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, junit: read('reports/junit.xml'), json, har: read('run.har'), summary: read('summary.md'), runId: runIdOf(json) };
}

async function expectValid(a: Artefacts): Promise<void> {
  expect(await junitSchemaErrors(a.junit)).toEqual([]);
  expect(jsonReportErrors(JSON.parse(a.json))).toEqual([]);
  expect(harSchemaErrors(JSON.parse(a.har))).toEqual([]);
}

async function expectGolden(a: Artefacts, outcome: string): Promise<void> {
  const n = (text: string): string => normalizeArtefact(text, a.runId);
  await expect(n(a.stdout)).toMatchFileSnapshot(`golden/reporters/${outcome}/stdout.txt`);
  await expect(n(a.junit)).toMatchFileSnapshot(`golden/reporters/${outcome}/junit.xml`);
  await expect(n(a.json)).toMatchFileSnapshot(`golden/reporters/${outcome}/report.json`);
  await expect(n(a.har)).toMatchFileSnapshot(`golden/reporters/${outcome}/run.har`);
  await expect(n(a.summary)).toMatchFileSnapshot(`golden/reporters/${outcome}/summary.md`);
}

describe('reporters against the reference server', () => {
  it('passing run: exit 0, valid artefacts, a warning but no error annotation', async () => {
    const a = await runAll([]);
    expect(a.stderr).toBe('');
    expect(a.exitCode).toBe(0);
    await expectValid(a);
    expect(a.stdout).toContain('::warning file=test/e2e/golden/reporters/suite.yaml,line=33,col=41,');
    expect(a.stdout).not.toContain('::error');
    expect(a.junit).toContain('tests="2" failures="0" errors="0" skipped="0"');
    await expectGolden(a, 'passing');
  });

  it('failing run (create answers 200): exit 1, <failure>, an ::error on the expectation line, a summary table', async () => {
    const a = await runAll(['create-200']);
    expect(a.exitCode).toBe(1);
    await expectValid(a);
    expect(a.junit).toContain('<failure message="status: expected 201 Created, got 200 OK" type="status">');
    expect(a.stdout).toContain('::error file=test/e2e/golden/reporters/suite.yaml,line=22,col=');
    expect(a.summary).toContain('| Create Users | `e2e.reporters` | ❌ not ready: 1 required check failed |');
    expect(a.har).not.toContain(`pw-${a.runId}-golden`);
    const har = JSON.parse(a.har) as { log: { entries: Array<{ request: { method: string; postData?: { text: string } } }> } };
    expect(har.log.entries.find((e) => e.request.method === 'POST')?.request.postData?.text).toContain('"password":"[REDACTED]"');
    await expectGolden(a, 'failing');
  });

  it('gives the same artefacts, in the same order, on a second run (after stabilisation)', async () => {
    const first = await runAll(['create-200']);
    const second = await runAll(['create-200']);
    for (const key of ['stdout', 'junit', 'json', 'har', 'summary'] as const) {
      expect(normalizeArtefact(second[key], second.runId), key).toBe(normalizeArtefact(first[key], first.runId));
    }
  });
});
