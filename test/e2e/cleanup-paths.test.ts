// Server-supplied ids reach the wire only as one percent-encoded path segment: a hostile id can neither climb out of
// /Users nor turn into a query, and cleanup touches nothing the run did not create. Real CLI, real loopback server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startCleanupServer } from './cleanup-server.js';
import type { CleanupServer, CleanupServerOptions } from './cleanup-server.js';

const SUITE = 'test/e2e/suites/cleanup-users.yaml';
const TOKEN = 'cleanup-paths-token-71d3';
let server: CleanupServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Report {
  exitCode: number;
  cleanup: Array<{ outcome: string; id?: string; detail: string; exchanges?: Array<{ request: { method: string; url: string } }> }>;
  suites: Array<{ steps: Array<{ id: string; status: string; error?: { code: string }; warnings: Array<{ message: string; level: string }> }> }>;
}

interface Har {
  log: { entries: Array<{ request: { method: string; url: string } }> };
}

async function run(options: Omit<CleanupServerOptions, 'token'>, args: string[] = []) {
  server = await startCleanupServer({ token: TOKEN, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-cleanup-paths-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const r = await runCli(['run', SUITE, '--base-url', server.baseUrl, '--reporter', `json=${dir}/report.json`, '--reporter', `har=${dir}/run.har`, ...args], { env: { SCIM_TOKEN: TOKEN } });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const har = JSON.parse(readFileSync(join(dir, 'run.har'), 'utf8')) as Har;
  return { ...r, report, har, server };
}

/** Ids the run lists as (possibly) left on the server. */
const listed = (report: Report): string[] => report.cleanup.filter((c) => ['failed', 'not-run', 'fallback'].includes(c.outcome)).map((c) => c.id ?? '?').sort();
const leftOn = (s: CleanupServer): string[] => [...s.store.values()].map((r) => r.id).sort();
const requestLine = (method: string, url: string): string => `${method} ${new URL(url, 'http://x').pathname}${new URL(url, 'http://x').search}`;

describe('hostile ids', () => {
  it('an id with "/", ".." and "?"/"#" is sent encoded, reported, and removed without touching anything else', async () => {
    const ids = ['../../../../admin/wipe', 'a?b#c', 'plain-3'];
    const { exitCode, stderr, stdout, report, har, server: s } = await run({ idFor: (n) => ids[n - 1] ?? `u${n}` }, ['--level', 'required']);
    // A bystander a careless client would delete: an unencoded "a?b#c" addresses /Users/a.
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(s.strayHits).toEqual([]);
    const lines = s.received.map((r) => `${r.method} ${r.rawUrl}`);
    expect(lines).toContain('GET /scim/v2/Users/..%2F..%2F..%2F..%2Fadmin%2Fwipe');
    expect(lines).toContain('DELETE /scim/v2/Users/..%2F..%2F..%2F..%2Fadmin%2Fwipe');
    expect(lines).toContain('DELETE /scim/v2/Users/a%3Fb%23c');
    expect(lines.filter((l) => l.startsWith('DELETE'))).toEqual([
      'DELETE /scim/v2/Users/plain-3',
      'DELETE /scim/v2/Users/a%3Fb%23c',
      'DELETE /scim/v2/Users/..%2F..%2F..%2F..%2Fadmin%2Fwipe',
    ]);
    expect(leftOn(s)).toEqual([]);
    expect(listed(report)).toEqual([]);
    // Reported on the step that received the id, at the level RFC 7643 §3.1 supports (optional: a warning).
    const warnings = report.suites[0]?.steps.flatMap((st) => st.warnings.map((w) => `${st.id}: ${w.level}: ${w.message}`)) ?? [];
    expect(warnings.filter((w) => w.startsWith('create-one:'))).toEqual([expect.stringMatching(/^create-one: optional: body\.id "\.\.\/\.\.\/\.\.\/\.\.\/admin\/wipe" contains "\/", "\.\.";.*\(\.\.%2F\.\.%2F\.\.%2F\.\.%2Fadmin%2Fwipe\)/)]);
    expect(warnings.filter((w) => w.startsWith('create-two:'))).toEqual([expect.stringMatching(/^create-two: optional: body\.id "a\?b#c" contains "\?", "#"/)]);
    expect(warnings.some((w) => w.startsWith('create-three:'))).toBe(false);
    expect(stdout).toContain('contains "/", ".."');
    // The HAR holds every exchange in the order the server received it, cleanup's DELETEs and GETs included.
    expect(har.log.entries.map((e) => requestLine(e.request.method, e.request.url))).toEqual(s.received.map((r) => `${r.method} ${r.rawUrl}`));
    // The JSON report keeps each cleanup's own exchanges: the DELETE, then the GET that confirms it.
    const wipe = report.cleanup.find((c) => c.id === '../../../../admin/wipe');
    expect(wipe?.outcome).toBe('deleted');
    expect(wipe?.exchanges?.map((e) => requestLine(e.request.method, e.request.url))).toEqual([
      'DELETE /scim/v2/Users/..%2F..%2F..%2F..%2Fadmin%2Fwipe',
      'GET /scim/v2/Users/..%2F..%2F..%2F..%2Fadmin%2Fwipe',
    ]);
  });

  it('a bystander named like the unencoded prefix of an id survives the run', async () => {
    server = await startCleanupServer({ token: TOKEN, idFor: (n) => ['a?b#c', 'a/b', 'u3'][n - 1] ?? `u${n}` });
    server.store.set('Users/a', { id: 'a', kind: 'Users', json: { id: 'a', userName: 'bystander@example.com' } });
    const r = await runCli(['run', SUITE, '--base-url', server.baseUrl], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(0);
    expect(leftOn(server)).toEqual(['a']);
    expect(server.received.filter((x) => x.rawUrl === '/scim/v2/Users/a' || x.rawUrl.startsWith('/scim/v2/Users/a?'))).toEqual([]);
  });

  it('an id that is a dot segment cannot be addressed: nothing is sent for it, and it is listed as left with its id', async () => {
    const { exitCode, report, stdout, stderr, server: s } = await run({ idFor: (n) => (n === 1 ? '..' : `u${n}`) });
    expect(stderr).toBe('');
    expect(exitCode).toBe(5);
    const read = report.suites[0]?.steps.find((st) => st.id === 'read-one');
    expect(read?.status).toBe('errored');
    expect(read?.error?.code).toBe('request.unaddressable');
    // Nothing was sent to /scim/v2/Users/.. (which a URL parser would turn into /scim/v2), and nothing above /Users.
    expect(s.received.filter((r) => r.rawUrl.includes('..') || r.rawUrl === '/scim/v2' || r.rawUrl === '/scim/v2/')).toEqual([]);
    expect(s.strayHits).toEqual([]);
    expect(leftOn(s)).toEqual(['..']);
    expect(listed(report)).toEqual(['..']);
    expect(stdout).toMatch(/Cleanup incomplete: 1 resource\(s\) may be left/);
  });
});
