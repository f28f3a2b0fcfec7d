// `scim-check run … | head -1`: once head has gone, the next write meets EPIPE. The output ends quietly, cleanup still
// removes what the run created, and the process exits with the code the run earned. A real shell pipeline, a real head.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { BIN, ROOT } from '../support/run-cli.js';
import { startCleanupServer } from './cleanup-server.js';
import type { CleanupServer, CleanupServerOptions } from './cleanup-server.js';

const SUITE = 'test/e2e/suites/cleanup-users.yaml';
const TOKEN = 'cleanup-epipe-token-9e21';
let server: CleanupServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `scim-check run … <redirect> | { head -n 1; close stdin; touch MARK; }` in bash. The server holds the first
 * create until MARK exists, i.e. until nothing reads the pipe any more, so the run's next write is sure to meet EPIPE.
 */
async function pipeIntoHead(extraArgs: string[], redirect: string, options: Omit<CleanupServerOptions, 'token' | 'beforeAnswer'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-epipe-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const mark = join(dir, 'head-done');
  const codeFile = join(dir, 'code');
  let held = false;
  server = await startCleanupServer({
    ...options,
    token: TOKEN,
    beforeAnswer: async (req) => {
      if (held || req.method !== 'POST') return;
      held = true;
      while (!existsSync(mark)) await sleep(20);
    },
  });
  const cli = [process.execPath, BIN, 'run', SUITE, '--base-url', server.baseUrl, ...extraArgs].map(quote).join(' ');
  const script = `${cli} ${redirect} | { head -n 1; exec <&-; : > ${quote(mark)}; }; echo "\${PIPESTATUS[0]}" > ${quote(codeFile)}`;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('SCIM_') && k !== 'FORCE_COLOR') env[k] = v;
  env['SCIM_TOKEN'] = TOKEN;
  return new Promise<{ code: number; headOut: string; stderr: string }>((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let headOut = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (headOut += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // A safety net against a hang, not an assertion.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ code: Number(readFileSync(codeFile, 'utf8').trim()), headOut, stderr });
    });
  });
}

describe('output piped into head -1', () => {
  it('stdout: ends quietly, cleans up, and exits with the run’s own code', async () => {
    const { code, headOut, stderr } = await pipeIntoHead([], '');
    expect(headOut).toMatch(/^scim-check \S+ · http:\/\/127\.0\.0\.1:\d+\/scim\/v2 · profile okta: .* · run [0-9a-f]{8}\n$/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect([...(server?.store.values() ?? [])]).toEqual([]);
    // The whole suite still ran after the pipe closed, and cleanup confirmed each removal.
    expect(server?.received.filter((r) => r.method === 'DELETE').length).toBe(3);
  });

  it('stderr (human output beside a JSON document): ends quietly, cleans up, exits with its code', async () => {
    const { code, headOut, stderr } = await pipeIntoHead(['--reporter', 'json'], '2>&1 >/dev/null');
    expect(headOut).toMatch(/^scim-check \S+ · /);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect([...(server?.store.values() ?? [])]).toEqual([]);
  });

  it('a failing run still exits 1 through the closed pipe', async () => {
    // The first read of the first user answers 500, so step read-one fails; cleanup's own GETs are answered normally.
    let reads = 0;
    const { code, stderr } = await pipeIntoHead([], '', {
      answerOverride: (req) => (req.method === 'GET' && req.rawUrl === '/scim/v2/Users/u1' && reads++ === 0 ? { status: 500, body: { status: '500' } } : undefined),
    });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect([...(server?.store.values() ?? [])]).toEqual([]);
  });
});
