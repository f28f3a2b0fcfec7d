// Cleanup says what really happened: a DELETE the server does not route (an HTML "Cannot DELETE" page) is not
// "already gone"; users are then deactivated as Okta does and listed with their ids; what a step deleted is not
// deleted again; a 500 on a DELETE of something a GET shows gone is not "left". Real CLI, real loopback server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startCleanupServer } from './cleanup-server.js';
import type { CleanupServer, CleanupServerOptions } from './cleanup-server.js';

const SUITE = 'test/e2e/suites/cleanup-groups.yaml';
const TOKEN = 'cleanup-honest-token-c40a';
let server: CleanupServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Exchange {
  request: { method: string; url: string };
  response: { status: number };
}
interface Report {
  notices: string[];
  cleanup: Array<{ outcome: string; id?: string; resource?: string; detail: string; stepId: string; exchanges?: Exchange[] }>;
  suites: Array<{ steps: Array<{ id: string; status: string }> }>;
}
interface Har {
  log: { entries: Array<{ request: { method: string; url: string }; comment?: string }> };
}

async function run(options: Omit<CleanupServerOptions, 'token'>) {
  server = await startCleanupServer({ token: TOKEN, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-cleanup-honest-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const r = await runCli(['run', SUITE, '--base-url', server.baseUrl, '--reporter', `json=${dir}/report.json`, '--reporter', `har=${dir}/run.har`], { env: { SCIM_TOKEN: TOKEN } });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const har = JSON.parse(readFileSync(join(dir, 'run.har'), 'utf8')) as Har;
  return { ...r, report, har, server };
}

const listed = (report: Report): string[] => report.cleanup.filter((c) => ['failed', 'not-run', 'fallback'].includes(c.outcome)).map((c) => c.id ?? '?').sort();
const leftOn = (s: CleanupServer): string[] => [...s.store.values()].map((r) => r.id).sort();
const line = (e: Exchange): string => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`;

describe('a server without DELETE routes', () => {
  it('deactivates the user, lists the groups and the user as left with their ids, and exits 5', async () => {
    const { exitCode, stdout, stderr, report, har, server: s } = await run({ deleteRoute: false, idFor: (n) => ['user-1', 'group-1', 'group-2'][n - 1] ?? `x${n}` });
    expect(stderr).toBe('');
    // The suite's own DELETE step accepts 404, so only cleanup decides the exit code.
    expect(report.suites[0]?.steps.map((st) => `${st.id}:${st.status}`)).toEqual(['create-user:passed', 'create-group:passed', 'create-kept-group:passed', 'delete-group:passed']);
    expect(exitCode).toBe(5);
    expect(leftOn(s)).toEqual(['group-1', 'group-2', 'user-1']);
    expect(listed(report)).toEqual(['group-1', 'group-2', 'user-1']);
    expect([...s.store.values()].find((r) => r.id === 'user-1')?.json['active']).toBe(false);
    const user = report.cleanup.find((c) => c.id === 'user-1');
    expect(user?.outcome).toBe('fallback');
    expect(user?.detail).toContain('DELETE /scim/v2/Users/user-1 is not supported (404, a page that is not a SCIM Error)');
    expect(user?.detail).toContain('GET confirms active: false');
    expect(user?.exchanges?.map(line)).toEqual(['DELETE /scim/v2/Users/user-1 404', 'GET /scim/v2/Users/user-1 200', 'PATCH /scim/v2/Users/user-1 200', 'GET /scim/v2/Users/user-1 200']);
    const group = report.cleanup.find((c) => c.id === 'group-1');
    expect(group?.outcome).toBe('failed');
    expect(group?.detail).not.toContain('already gone');
    // Every resource left is named with its id, in the notice (deactivated) and in the summary (may be left).
    expect(report.notices.join('\n')).toContain('/Users/user-1');
    expect(stdout).toMatch(/Cleanup incomplete: 2 resource\(s\) may be left/);
    expect(stdout).toContain('/Groups/group-1 (id "group-1") may be left on the server');
    expect(stdout).toContain('/Groups/group-2 (id "group-2") may be left on the server');
    // The HAR ends with the cleanup exchanges, in the order sent, each named for the step that created the resource.
    const cleanupEntries = har.log.entries.filter((e) => e.comment?.startsWith('cleanup of') === true).map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`);
    expect(cleanupEntries).toEqual([
      'DELETE /scim/v2/Groups/group-2', 'GET /scim/v2/Groups/group-2',
      'DELETE /scim/v2/Groups/group-1', 'GET /scim/v2/Groups/group-1',
      'DELETE /scim/v2/Users/user-1', 'GET /scim/v2/Users/user-1', 'PATCH /scim/v2/Users/user-1', 'GET /scim/v2/Users/user-1',
    ]);
    expect(har.log.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}${new URL(e.request.url).search}`)).toEqual(s.received.map((r) => `${r.method} ${r.rawUrl}`));
  });
});

describe('deleting what is already gone', () => {
  it('sends no second DELETE for a group a step deleted, even to a server that answers it with 500', async () => {
    const { exitCode, report, server: s } = await run({ deleteMissingStatus: 500, idFor: (n) => ['user-1', 'group-1', 'group-2'][n - 1] ?? `x${n}` });
    expect(exitCode).toBe(0);
    expect(s.received.filter((r) => r.method === 'DELETE').map((r) => r.rawUrl)).toEqual(['/scim/v2/Groups/group-1', '/scim/v2/Groups/group-2', '/scim/v2/Users/user-1']);
    const group = report.cleanup.find((c) => c.stepId === 'create-group');
    expect(group?.outcome).toBe('gone');
    expect(group?.detail).toBe('deleted by step delete-group; GET confirms it is gone (404)');
    expect(leftOn(s)).toEqual([]);
    expect(listed(report)).toEqual([]);
  });

  it('a 500 on a DELETE of something a GET then shows gone is not left (exit 1 for the failed step, not 5)', async () => {
    // This server deletes, then answers 500: the step fails, and cleanup's DELETE of the deleted group gets 500 too.
    const { exitCode, stdout, report, server: s } = await run({ deleteStatus: 500, deleteMissingStatus: 500, idFor: (n) => ['user-1', 'group-1', 'group-2'][n - 1] ?? `x${n}` });
    expect(report.suites[0]?.steps.find((st) => st.id === 'delete-group')?.status).toBe('failed');
    expect(exitCode).toBe(1);
    const group = report.cleanup.find((c) => c.stepId === 'create-group');
    expect(group?.outcome).toBe('gone');
    expect(group?.exchanges?.map(line)).toEqual(['DELETE /scim/v2/Groups/group-1 500', 'GET /scim/v2/Groups/group-1 404']);
    expect(group?.detail).toBe('DELETE /scim/v2/Groups/group-1 answered 500; GET confirms it is gone (404)');
    expect(leftOn(s)).toEqual([]);
    expect(listed(report)).toEqual([]);
    expect(stdout).not.toContain('Cleanup incomplete');
  });
});
