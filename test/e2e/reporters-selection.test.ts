// Selection (--grep, --only, --tags, --feature, --level, --bail), --dry-run and --read-only through the real CLI
// against the reference server: what runs, what is sent, and what the JUnit report then says.
import { afterEach, describe, expect, it } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'selection-token-6d2f0b8e4a';
const env = { SCIM_TOKEN: TOKEN };
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...quirks: string[]): Promise<RunningServer> {
  server = await startServer({ port: 0, token: TOKEN, quirks: quirks.map(parseQuirk) });
  return server;
}

/** `<testcase classname="…" name="step: …"` → "suite.step", in document order. */
function junitCases(xml: string): string[] {
  return [...xml.matchAll(/<testcase classname="([^"]+)" name="([^":]+):/g)].map((m) => `${m[1]}.${m[2]}`);
}

describe('selection', () => {
  it('--only runs exactly the named steps, and the JUnit report lists only them', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--only', 'users.create.lookup,users.create.create', '--reporter', 'junit'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(junitCases(r.stdout)).toEqual(['users.create.lookup', 'users.create.create']);
    // The create's cleanup still ran: the DELETE, the GET that confirms it, and the end-of-run sweep.
    expect(s.received.map((q) => q.method)).toEqual(['GET', 'POST', 'DELETE', 'GET', 'GET']);
  });

  it('--grep matches step titles', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--grep', 'unknown user id', '--reporter', 'junit'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(junitCases(r.stdout)).toEqual(['users.create.unknown-id']);
  });

  it('--feature keeps one Okta feature', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--feature', 'createUsers', '--reporter', 'junit'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const cases = junitCases(r.stdout);
    expect(cases.length).toBeGreaterThan(3);
    expect(cases.every((c) => c.startsWith('users.create.'))).toBe(true);
  });

  it('--tags write leaves out suites without the tag', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--tags', 'write', '--reporter', 'junit'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(junitCases(r.stdout)).not.toContain('test-credentials.users');
  });

  it('--level required: failures of recommended checks are warnings and do not fail the run', async () => {
    const s = await serve('filter-404');
    const required = await runCli(['run', '--base-url', s.baseUrl, '--feature', 'createUsers', '--level', 'required', '--reporter', 'junit'], { env });
    expect(required.exitCode, required.stderr).toBe(0);
    expect(required.stdout).toContain('Warnings (below the --level gate; they do not fail the run):');
    expect(required.stdout).not.toContain('<failure');
    const recommended = await runCli(['run', '--base-url', s.baseUrl, '--feature', 'createUsers', '--level', 'recommended', '--reporter', 'junit'], { env });
    expect(recommended.exitCode).toBe(1);
    expect(recommended.stdout).toContain('<failure');
  });

  it('--bail stops after the first failure, reports the rest as skipped, and still cleans up', async () => {
    const s = await serve('duplicate-create-201');
    const r = await runCli(['run', '--base-url', s.baseUrl, '--bail', '--reporter', 'junit'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.match(/<failure /g)).toHaveLength(1);
    expect(r.stdout).toContain('<skipped message="--bail: an earlier step failed"/>');
    // Cleanup ran after the bail: the created user's DELETE is confirmed by a GET, then the end-of-run sweep.
    expect(s.received.slice(-3).map((q) => `${q.method} ${q.path.replace(/[0-9a-f-]{36}$/, '<id>')}${q.rawQuery === '' ? '' : `?${q.rawQuery.replace(/[0-9a-f]{8}%22$/, '<run>%22')}`}`)).toEqual([
      'DELETE /scim/v2/Users/<id>',
      'GET /scim/v2/Users/<id>',
      'GET /scim/v2/Users?filter=userName%20sw%20%22scim-check-<run>%22',
    ]);
  });
});

describe('--dry-run', () => {
  it('prints every request, templated and redacted, sends nothing and exits 0', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--dry-run', '--only', 'users.create.create'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(s.received).toEqual([]);
    expect(r.stdout).toMatch(/^Dry run: nothing is sent\./);
    expect(r.stdout).toContain(`POST ${s.baseUrl}/Users`);
    expect(r.stdout).toContain('Authorization: Bearer [REDACTED]');
    expect(r.stdout).toContain('"password":"[REDACTED]"');
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.stdout).not.toContain('{{');
  });
});

describe('--read-only', () => {
  it('sends no write, and names the Okta features it leaves unchecked', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--read-only', '--feature', 'testCredentials,createUsers,updateUsers', '--reporter', 'json'], { env });
    expect(s.received.length).toBeGreaterThan(0);
    expect(s.received.filter((q) => q.method !== 'GET')).toEqual([]);
    const report = JSON.parse(r.stdout) as { notices: string[] };
    const notice = report.notices.find((n) => n.startsWith('--read-only'));
    expect(notice).toContain('Create Users');
    expect(notice).toContain('Update User Attributes');
    expect(notice).not.toContain('Test API Credentials');
    expect(r.stderr).toContain(notice);
  });

  it('--insecure is said once in human output, in one wording, and two documents on stdout are refused', async () => {
    const s = await serve();
    const r = await runCli(['run', '--base-url', s.baseUrl, '--insecure', '--only', 'users.create.lookup'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`.match(/verification is OFF/g)).toHaveLength(1);
    const before = s.received.length;
    const two = await runCli(['run', '--base-url', s.baseUrl, '--reporter', 'junit', '--reporter', 'json'], { env });
    expect(two.exitCode).toBe(2);
    expect(two.stderr).toMatch(/junit and --reporter json/);
    expect(s.received).toHaveLength(before);
  });
});
