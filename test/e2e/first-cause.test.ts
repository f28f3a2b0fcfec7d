// The three everyday mistakes (wrong token, base URL without /scim/v2, nothing listening) and a missing credential,
// through the built CLI against the reference server over loopback: one block naming the cause and the fix, the
// later suites not run, the documented exit code, and the size of the output.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { jsonReportErrors } from '../report/support/json-report-validator.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'first-cause-token-8e1f0a';
let server: RunningServer;
let dir: string;
beforeAll(async () => {
  server = await startServer({ port: 0, token: TOKEN, quirks: [] });
  dir = mkdtempSync(join(tmpdir(), 'scim-check-first-cause-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');
/** Failure blocks start with a mark at the block indentation (four spaces) under a step line. */
const blocks = (text: string): string[] => lines(text).filter((l) => /^ {4}[✗⚠] /.test(l));

describe('first cause', () => {
  it('wrong token: one first-cause block from the auth probes, later suites not run, exit 1', async () => {
    const r = await runCli(['run', '--base-url', server.baseUrl, '--output', join(dir, 'token.json')], { env: { SCIM_TOKEN: 'not-the-token-3b9' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(blocks(r.stdout)).toEqual([
      expect.stringMatching(/^ {4}✗ First cause: The server refused the credentials \(401 Unauthorized\): the credentials are refused \(401\) in every form tried$/),
    ]);
    expect(r.stdout).toContain('expected 200 OK, got 401 Unauthorized');
    expect(r.stdout).toContain('tried Authorization: Bearer Bearer <token>: HTTP/1.1 401 Unauthorized');
    expect(r.stdout).toContain('fix: Generate a fresh SCIM token');
    // The server's own SCIM Error is in the block; the body checks of a ListResponse are not piled on top.
    expect(r.stdout).toMatch(/server said: ".+"/);
    expect(r.stdout).toMatch(/not evaluated: \d+ checks of the expected body/);
    expect(r.stdout).not.toContain('JSON numbers');
    expect(r.stdout).not.toContain('schema /totalResults');
    expect(r.stdout).toMatch(/Steps: 0 passed, 1 failed, (\d+) not run \((\d+)\)/);
    expect(r.stdout).toContain('Import Users                    not checked (not run: Test API Credentials failed)');
    expect(lines(r.stdout).length).toBeLessThanOrEqual(40);
    expect(r.stdout).not.toContain('not-the-token-3b9');
    const report = JSON.parse(readFileSync(join(dir, 'token.json'), 'utf8')) as Record<string, unknown>;
    expect(jsonReportErrors(report)).toEqual([]);
    expect(report['firstCause']).toMatchObject({ kind: 'auth', suiteId: 'test-credentials', stepId: 'users', notRun: 271 });
    expect(JSON.stringify(report)).not.toContain('not-the-token-3b9');
  });

  it('a server that wants the bare token: names the form that works, as diagnose does', async () => {
    const bare = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('token-without-bearer')] });
    try {
      const r = await runCli(['run', '--base-url', bare.baseUrl], { env: { SCIM_TOKEN: TOKEN } });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain('✗ First cause: The server refused the credentials (401 Unauthorized): Authorization: Bearer <token> is refused (401); Authorization: <token> works');
      expect(r.stdout).toContain('cause: Okta would send Authorization: Bearer <token> and get 401. The server wants the bare token');
      expect(r.stdout).not.toContain(TOKEN);
    } finally {
      await bare.close();
    }
  });

  it('base URL without /scim/v2: names the base URL that answers, exit 1', async () => {
    const root = server.baseUrl.replace(/\/scim\/v2$/, '');
    const r = await runCli(['run', '--base-url', root], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(1);
    expect(blocks(r.stdout)).toEqual([`    ✗ First cause: Wrong base URL: ${root}/Users answered 404 Not Found, but ${server.baseUrl}/Users answers like SCIM`]);
    expect(r.stdout).toContain(`fix: Pass --base-url ${server.baseUrl}, and set the same base URL in Okta.`);
    expect(r.stdout).not.toContain('JSON numbers');
    expect(r.stdout).not.toContain('Okta would show \'Error authenticating: Unauthorized\'');
    expect(lines(r.stdout).length).toBeLessThanOrEqual(35);
  });

  it('nothing listening: one block, no TLS advice on an http URL, exit 4', async () => {
    const port = await closedPort();
    const r = await runCli(['run', '--base-url', `http://127.0.0.1:${port}/scim/v2`], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(4);
    expect(blocks(r.stdout)).toEqual(['    ✗ First cause: Connection refused: nothing was checked, since the server never answered']);
    expect(r.stdout).toContain('refused the connection (ECONNREFUSED): nothing is listening on that port');
    expect(r.stdout).not.toContain('--insecure');
    expect(r.stdout).not.toContain('--ca');
    expect(r.stdout).toMatch(/Steps: 0 passed, 1 errored, (\d+) not run \((\d+)\)/);
    expect(lines(r.stdout).length).toBeLessThanOrEqual(30);
  });

  it('nothing listening with --keep-going: every step runs, and the identical errors are one block', async () => {
    const port = await closedPort();
    const r = await runCli(['run', '--keep-going', '--base-url', `http://127.0.0.1:${port}/scim/v2`], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/… and \d+ more steps failed the same way \(test-credentials › groups, /);
    expect(r.stdout).not.toMatch(/not run/);
    expect(blocks(r.stdout)).toEqual(['    ✗ First cause: Connection refused: nothing was checked, since the server never answered']);
    expect(lines(r.stdout).length).toBeLessThanOrEqual(40);
    expect(r.stdout).toMatch(/Steps: 0 passed, \d+ errored, \d+ skipped \(\d+\)/);
  });

  it('no credential: a warning before anything is sent, and a first cause unlike a wrong token', async () => {
    const r = await runCli(['run', '--base-url', server.baseUrl], { env: {} });
    expect(r.exitCode).toBe(1);
    const out = lines(r.stdout);
    const warning = out.findIndex((l) => l.startsWith('No credential is configured'));
    expect(warning).toBe(1);
    expect(out.findIndex((l) => l.startsWith('Test API Credentials'))).toBeGreaterThan(warning);
    expect(r.stdout).toContain('✗ First cause: No credential is configured, and the server wants one (401 Unauthorized)');
    expect(r.stdout).not.toContain('in every form tried');
  });
});
