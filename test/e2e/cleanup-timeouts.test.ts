// A create whose answer never comes (the server finishes it only after --timeout, or resets the connection) is
// looked up by the run-scoped userName it carried and removed; what cannot be removed is listed with its id, and
// the exit code is 5 exactly when something remains. Real CLI, real loopback server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startCleanupServer } from './cleanup-server.js';
import type { CleanupServer, CleanupServerOptions } from './cleanup-server.js';

const SUITE = 'test/e2e/suites/cleanup-users.yaml';
const TOKEN = 'cleanup-timeouts-token-2b8e';
let server: CleanupServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Report {
  cleanup: Array<{ outcome: string; id?: string; detail: string; phase?: string; stepId: string }>;
  suites: Array<{ steps: Array<{ id: string; status: string; error?: { code: string } }> }>;
}

async function run(options: Omit<CleanupServerOptions, 'token'>) {
  server = await startCleanupServer({ token: TOKEN, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-cleanup-timeouts-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  // --timeout is short so the test is quick; the server never answers the 'late' creates at all.
  const r = await runCli(['run', SUITE, '--base-url', server.baseUrl, '--timeout', '1000', '--reporter', `json=${dir}/report.json`], { env: { SCIM_TOKEN: TOKEN } });
  return { ...r, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report, server };
}

const listed = (report: Report): string[] => report.cleanup.filter((c) => ['failed', 'not-run', 'fallback'].includes(c.outcome)).map((c) => c.id ?? '?').sort();
const leftOn = (s: CleanupServer): string[] => [...s.store.values()].map((r) => r.id).sort();
const statuses = (report: Report): string[] => report.suites[0]?.steps.map((s) => `${s.id}:${s.status}${s.error === undefined ? '' : `(${s.error.code})`}`) ?? [];

describe('creates that never answered', () => {
  it('finds the users a server finished after --timeout (or kept before a reset) and removes them: exit 4, nothing left', async () => {
    const { exitCode, stderr, report, server: s } = await run({ createMode: (n) => (n === 1 ? 'late' : n === 2 ? 'reset' : 'answer') });
    expect(stderr).toBe('');
    expect(statuses(report)).toEqual([
      'create-one:errored(target.timeout)',
      'read-one:skipped',
      'create-two:errored(target.reset)',
      'read-two:skipped',
      'create-three:passed',
    ]);
    expect(exitCode).toBe(4);
    expect(leftOn(s)).toEqual([]);
    expect(listed(report)).toEqual([]);
    // Each kept user was found by the userName its create carried, then deleted and confirmed gone.
    const byStep = Object.fromEntries(report.cleanup.filter((c) => c.phase === undefined).map((c) => [c.stepId, c]));
    expect(byStep['create-one']).toMatchObject({ outcome: 'deleted', id: 'u1' });
    expect(byStep['create-one']?.detail).toMatch(/^the create timed out; userName eq "scim-check-[0-9a-f]{8}-one@example\.com" found it; DELETE \/scim\/v2\/Users\/u1 answered 204; GET confirms it is gone/);
    expect(byStep['create-two']).toMatchObject({ outcome: 'deleted', id: 'u2' });
    const lookups = s.received.filter((r) => r.method === 'GET' && r.rawUrl.includes('filter=userName%20eq'));
    expect(lookups.map((r) => decodeURIComponent(r.rawUrl))).toEqual([
      expect.stringMatching(/filter=userName eq "scim-check-[0-9a-f]{8}-two@example\.com"$/),
      expect.stringMatching(/filter=userName eq "scim-check-[0-9a-f]{8}-one@example\.com"$/),
    ]);
  });

  it('lists, with ids, the kept users it cannot delete, and exits 5: what is left equals what is listed', async () => {
    const { exitCode, stdout, report, server: s } = await run({
      createMode: (n) => (n === 1 || n === 3 ? 'late' : 'answer'),
      // The late ones can be neither deleted nor deactivated.
      deleteFails: (id) => id === 'u1' || id === 'u3',
      patchFails: (id) => id === 'u1' || id === 'u3',
    });
    expect(exitCode).toBe(5);
    expect(leftOn(s)).toEqual(['u1', 'u3']);
    expect(listed(report)).toEqual(['u1', 'u3']);
    expect(stdout).toMatch(/Cleanup incomplete: 2 resource\(s\) may be left/);
    expect(stdout).toContain('/Users/u1 (id "u1") may be left on the server');
  });

  it('lists a create that never answered and cannot be found as possibly left, by its userName, and exits 5', async () => {
    const { exitCode, stdout, report, server: s } = await run({ createMode: (n) => (n === 1 ? 'never' : 'answer') });
    expect(exitCode).toBe(5);
    expect(leftOn(s)).toEqual([]);
    // Looked up once when its suite ended, and once more by the end-of-run sweep.
    const items = report.cleanup.filter((c) => c.stepId === 'create-one').map((c) => `${c.phase ?? 'suite'}:${c.outcome}`);
    expect(items).toEqual(['suite:deferred', 'sweep:swept', 'sweep:failed']);
    const left = report.cleanup.find((c) => c.stepId === 'create-one' && c.outcome === 'failed');
    expect(left?.detail).toMatch(/the create timed out; userName eq "scim-check-[0-9a-f]{8}-one@example\.com" found nothing; the end-of-run sweep \(userName sw "scim-check-[0-9a-f]{8}"\) did not find it either; a resource with userName "scim-check-[0-9a-f]{8}-one@example\.com" may still be created by the server/);
    expect(stdout).toMatch(/Cleanup incomplete: 1 resource\(s\) may be left/);
  });

  it('touches nothing but its own creates when the server ignores the filter and answers every user', async () => {
    server = await startCleanupServer({ token: TOKEN, ignoreFilter: true, createMode: (n) => (n === 1 ? 'late' : 'answer') });
    // Bystanders: someone's user, and another run's user with the same prefix shape.
    server.store.set('Users/alice', { id: 'alice', kind: 'Users', json: { id: 'alice', userName: 'alice@example.com' } });
    server.store.set('Users/other', { id: 'other', kind: 'Users', json: { id: 'other', userName: 'scim-check-00000000-one@example.com' } });
    const r = await runCli(['run', SUITE, '--base-url', server.baseUrl, '--timeout', '1000'], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(4);
    expect(leftOn(server)).toEqual(['alice', 'other']);
    expect(server.received.filter((x) => x.method !== 'GET' && x.method !== 'POST').map((x) => `${x.method} ${x.rawUrl}`)).toEqual([
      'DELETE /scim/v2/Users/u3',
      'DELETE /scim/v2/Users/u2',
      'DELETE /scim/v2/Users/u1',
    ]);
  });
});
