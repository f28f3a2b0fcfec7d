// The GitHub Action (action.yml) outside GitHub: its declared shape, and its one script (action/run.sh) run with bash
// as the runner would run it, against the reference server over loopback. The token must reach scim-check through
// the environment only, the reports must be in the report directory, and the exit code must be scim-check's.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { load as parse } from 'js-yaml';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { ServerOptions } from '../../src/server/index.js';
import { ROOT } from '../support/run-cli.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'action/run.sh');

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs action/run.sh as the composite step does: inputs in the environment, GITHUB_* set as on a runner. */
function runScript(env: Record<string, string>, cwd: string): Promise<ScriptResult> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('SCIM_') && !k.startsWith('GITHUB_')) base[k] = v;
  // The CLI runs under the Node running these tests (so CI's Node 22/24 passes cover the action too).
  base['PATH'] = `${join(process.execPath, '..')}:${process.env['PATH'] ?? ''}`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT], { cwd, env: { ...base, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-action-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function server(token: string, options: Partial<ServerOptions> = {}): Promise<string> {
  const s = await startServer({ port: 0, token, ...options });
  onTestFinished(() => s.close());
  return s.baseUrl;
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { required?: boolean; default?: string }>; runs: { using: string; steps: Step[] } };

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['base-url', 'token', 'profile', 'level', 'reporters']));
    expect(action.inputs['base-url']?.required).toBe(true);
  });

  it('runs action/run.sh with every input in the environment, the token never on a command line', () => {
    const step = action.runs.steps.find((s) => s.id === 'run');
    expect(step?.run).toBe('bash "$SCIM_CHECK_ACTION_PATH/action/run.sh"');
    expect(step?.env?.['SCIM_CHECK_TOKEN']).toBe('${{ inputs.token }}');
    const runLines = action.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(runLines).not.toContain('${{');
  });

  it('uploads the report directory as an artefact even when the check failed', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') === true);
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.['path']).toBe('${{ inputs.report-dir }}');
  });
});

describe('action/run.sh outside GitHub', () => {
  it('a failing server: exit code 1, annotations, JUnit, HTML, HAR and extra reports written, no token anywhere', async () => {
    const token = 'action-SECRET-token-91c2';
    const baseUrl = await server(token, { quirks: [parseQuirk('duplicate-create-201')] });
    const ws = tempDir();
    const output = join(ws, 'github-output');
    const r = await runScript(
      { SCIM_CHECK_BASE_URL: baseUrl, SCIM_CHECK_TOKEN: token, SCIM_CHECK_REPORTERS: 'json=out/result.json', SCIM_CHECK_REPORT_DIR: 'out', SCIM_CHECK_ACTION_PATH: ROOT, GITHUB_OUTPUT: output },
      ws,
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::error title=users\.create › duplicate%3A status::expected 409 Conflict, got 201 Created/m);
    expect(r.stdout).toContain('scim-check exited with 1; reports in out/');
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    expect(readdirSync(join(ws, 'out')).sort()).toEqual(['junit.xml', 'report.html', 'result.json', 'run.har']);
    for (const text of [r.stdout, r.stderr, ...readdirSync(join(ws, 'out')).map((f) => readFileSync(join(ws, 'out', f), 'utf8'))]) expect(text).not.toContain(token);
  });

  it('a passing server: exit code 0; a missing base URL: a one-line usage error, exit 2', async () => {
    const token = 'action-token-2';
    const baseUrl = await server(token);
    const ws = tempDir();
    const ok = await runScript({ SCIM_CHECK_BASE_URL: baseUrl, SCIM_CHECK_TOKEN: token, SCIM_CHECK_SUITES: join(ROOT, 'test/e2e/suites/create-and-read.yaml'), SCIM_CHECK_ACTION_PATH: ROOT }, ws);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(existsSync(join(ws, 'scim-check-reports', 'report.html'))).toBe(true);
    const missing = await runScript({ SCIM_CHECK_ACTION_PATH: ROOT }, ws);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('scim-check action: the base-url input is required (the SCIM base URL, e.g. https://example.com/scim/v2)');
  });

  it('installs scim-check from a tarball, as README tells users to before the package is on the registry', { timeout: 240_000 }, async () => {
    const packDir = tempDir();
    const { stdout } = await run('npm', ['pack', '--pack-destination', packDir, '--silent', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
    const tarball = join(packDir, stdout.trim().split('\n').pop() ?? '');
    const token = 'action-token-3';
    const baseUrl = await server(token);
    const ws = tempDir();
    const r = await runScript({ SCIM_CHECK_BASE_URL: baseUrl, SCIM_CHECK_TOKEN: token, SCIM_CHECK_SUITES: join(ROOT, 'test/e2e/suites/create-and-read.yaml'), SCIM_CHECK_PACKAGE: tarball, RUNNER_TEMP: ws }, ws);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`::group::Installing scim-check from ${tarball}`);
    expect(existsSync(join(ws, 'scim-check-reports', 'junit.xml'))).toBe(true);
  });
});
