// CI etiquette through the real CLI: a machine reporter on stdout owns stdout; no ANSI escapes when output is not a
// TTY, under CI=true or NO_COLOR (NO_COLOR beats FORCE_COLOR); FORCE_COLOR colours the pretty output on a pipe.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { harSchemaErrors } from '../report/support/validate-har.js';
import { jsonReportErrors } from '../report/support/json-report-validator.js';
import { junitSchemaErrors } from '../report/support/validate-junit.js';
import { runCli } from '../support/run-cli.js';

const SUITE = 'test/e2e/golden/reporters/suite.yaml';
const TOKEN = 'etiquette-token-1f3a5c7e9b';
const ANSI = /\u001b\[/;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(args: string[], env: Record<string, string> = {}): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('create-200')] });
  return runCli(['run', SUITE, '--base-url', server.baseUrl, ...args], { env: { SCIM_TOKEN: TOKEN, ...env } });
}

describe('a machine reporter on stdout owns stdout', () => {
  it('json: stdout is exactly one valid document; the human summary is on stderr', async () => {
    const r = await run(['--reporter', 'json']);
    expect(r.exitCode).toBe(1);
    expect(jsonReportErrors(JSON.parse(r.stdout))).toEqual([]);
    expect(r.stderr).toContain('Steps: 1 passed, 1 failed (2)');
  });

  it('junit: stdout is exactly one valid document', async () => {
    const r = await run(['--reporter', 'junit']);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(r.stdout.endsWith('</testsuites>\n')).toBe(true);
    expect(await junitSchemaErrors(r.stdout)).toEqual([]);
    expect(r.stderr).toContain('Steps: ');
  });

  it('har: stdout is exactly one valid document', async () => {
    const r = await run(['--reporter', 'har']);
    expect(harSchemaErrors(JSON.parse(r.stdout))).toEqual([]);
    expect(r.stderr).toContain('Steps: ');
  });
});

describe('colour', () => {
  const plain: Array<[string, Record<string, string>]> = [
    ['not a TTY', {}],
    ['CI=true', { CI: 'true' }],
    ['NO_COLOR, even with FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '3' }],
    ['NO_COLOR and CI, even with FORCE_COLOR', { NO_COLOR: '1', CI: 'true', FORCE_COLOR: '1' }],
  ];
  for (const [name, env] of plain) {
    it(`no ANSI escape anywhere: ${name}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scim-check-etiquette-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const r = await run(['--reporter', 'pretty', '--reporter', 'github', '--reporter', `junit=${dir}/junit.xml`, '--reporter', `json=${dir}/r.json`, '--reporter', `har=${dir}/r.har`], { ...env, GITHUB_STEP_SUMMARY: join(dir, 'summary.md') });
      expect(r.stdout).toContain('✗ e2e.reporters › create: status');
      expect(r.stdout).not.toMatch(ANSI);
      expect(r.stderr).not.toMatch(ANSI);
      const artefacts = readdirSync(dir);
      expect(artefacts.sort()).toEqual(['junit.xml', 'r.har', 'r.json', 'summary.md']);
      for (const file of artefacts) expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(ANSI);
    });
  }

  it('FORCE_COLOR=1 colours the pretty output on a pipe, and only the pretty output', async () => {
    const r = await run(['--reporter', 'pretty', '--reporter', 'github'], { FORCE_COLOR: '1' });
    expect(r.stdout).toMatch(ANSI);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const line of annotations) expect(line).not.toMatch(ANSI);
  });
});
