// The built-in Okta suites end to end with the real CLI: green against the reference server for every profile,
// each misbehaviour switch failing exactly the steps it should, for the stated reason, and Okta's exact request bytes.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'suites-e2e-token-93b1f';
const dir = mkdtempSync(join(tmpdir(), 'scim-check-suites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ReportStep { id: string; status: string; checks: Array<{ passed: boolean; message: string }>; warnings: Array<{ message: string }> }
interface Report { exitCode: number; counts: Record<string, number>; suites: Array<{ id: string; feature: string | null; verdict: string; verdictReason: string; steps: ReportStep[] }>; cleanup: Array<{ outcome: string; id?: string }> }

/** Ids the report says are (or may be) left on the server: deactivated, failed or not run. */
const listedIds = (report: Report): string[] => report.cleanup.filter((c) => ['failed', 'not-run', 'fallback'].includes(c.outcome) && c.id !== undefined).map((c) => c.id as string).sort();
const storedIds = (server: RunningServer): string[] => [...server.store.users.keys(), ...server.store.groups.keys()].sort();

let counter = 0;
async function run(server: RunningServer, args: string[] = []): Promise<{ exitCode: number | null; report: Report; stdout: string }> {
  const file = join(dir, `report-${counter++}.json`);
  const r = await runCli(['run', '--base-url', server.baseUrl, '--reporter', `json=${file}`, ...args], { env: { SCIM_TOKEN: TOKEN } });
  return { exitCode: r.exitCode, report: JSON.parse(readFileSync(file, 'utf8')) as Report, stdout: r.stdout };
}

const stepsWhere = (report: Report, pick: (s: ReportStep) => boolean): string[] =>
  report.suites.flatMap((suite) => suite.steps.filter(pick).map((s) => `${suite.id}.${s.id}`)).sort();
const failedOf = (report: Report): string[] => stepsWhere(report, (s) => s.status === 'failed' || s.status === 'errored');

describe('the built-in suites against the reference server', () => {
  it.each(['okta', 'okta-aiw'])('pass with the %s profile, leaving nothing behind', async (profile) => {
    const server = await startServer({ port: 0, token: TOKEN });
    try {
      const { exitCode, report } = await run(server, ['--profile', profile]);
      expect(failedOf(report)).toEqual([]);
      expect(exitCode).toBe(0);
      expect(report.suites.every((s) => s.verdict === 'ready')).toBe(true);
      expect(server.store.users.size).toBe(0);
      expect(server.store.groups.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('pass with the postman profile against the Postman emulation, password sync unsupported as declared', async () => {
    const server = await startServer({ port: 0, token: TOKEN, emulate: 'postman' });
    try {
      const { exitCode, report, stdout } = await run(server, ['--profile', 'postman']);
      expect(failedOf(report)).toEqual([]);
      expect(exitCode).toBe(0);
      const password = report.suites.find((s) => s.feature === 'passwordSync');
      expect(password?.verdict).toBe('unsupported');
      expect(password?.steps.some((s) => s.status === 'unsupported')).toBe(true);
      expect(stdout).toContain('unsupported, as declared');
      // Postman cannot delete users: they were deactivated, and the run says so.
      expect([...server.store.users.values()].every((u) => (u as { active?: boolean }).active === false)).toBe(true);
      expect(stdout).toContain('deactivated instead');
      expect(storedIds(server)).toEqual(listedIds(report));
    } finally {
      await server.close();
    }
  });
});

/** What each switch breaks, at the default gate (required); `warned` for switches Okta tolerates. */
const QUIRK_CASES: Array<{ quirk: string; args?: string[]; exit: number; failed: string[]; warned?: string[]; message: string }> = [
  { quirk: "string-counts", exit: 1, failed: ["groups.import.import", "groups.link.lookup", "groups.link.refresh", "groups.push.lookup", "oin-spec-test.random-user-absent", "oin-spec-test.users-endpoint", "test-credentials.groups", "test-credentials.users", "users.create.lookup", "users.create.lookup-exact", "users.deactivate.lookup-deactivated", "users.import.import"], message: "expected integer" },
  { quirk: "filter-404", exit: 1, failed: ["oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent"], message: "expected 200 OK, got 404 Not Found" },
  { quirk: "filter-case-sensitive", exit: 0, failed: [], warned: ["users.create.lookup-upper"], message: "" },
  { quirk: "filter-hides-inactive", exit: 1, failed: ["users.deactivate.lookup-deactivated"], message: "expected 1, got 0" },
  { quirk: "patch-pathless-400", exit: 1, failed: ["groups.link.get-renamed", "groups.link.rename", "groups.link.rename-after-members", "groups.push.get-after-rename", "groups.push.rename", "groups.push.rename-after-add", "users.deactivate.deactivate", "users.deactivate.lookup-deactivated", "users.deactivate.reactivate", "users.deactivate.read-deactivated", "users.password.patch-password"], message: "got 400 Bad Request" },
  { quirk: "patch-pathless-500", exit: 1, failed: ["groups.link.get-renamed", "groups.link.rename", "groups.link.rename-after-members", "groups.push.get-after-rename", "groups.push.rename", "groups.push.rename-after-add", "users.deactivate.deactivate", "users.deactivate.lookup-deactivated", "users.deactivate.reactivate", "users.deactivate.read-deactivated", "users.password.patch-password"], message: "got 500 Internal Server Error" },
  { quirk: "group-rename-id-rejected", exit: 1, failed: ["groups.link.get-renamed", "groups.link.rename", "groups.link.rename-after-members", "groups.push.get-after-rename", "groups.push.rename", "groups.push.rename-after-add"], message: "got 400 Bad Request" },
  { quirk: "create-empty-body", exit: 1, failed: ["groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "oin-spec-test.create-user", "users.create.create", "users.deactivate.create", "users.password.create", "users.update.create"], message: "expected a JSON body" },
  { quirk: "create-200", exit: 1, failed: ["groups.push.create", "oin-spec-test.create-user", "users.create.create"], message: "expected 201 Created, got 200 OK" },
  { quirk: "duplicate-create-201", exit: 1, failed: ["oin-spec-test.recreate-fails", "users.create.duplicate"], message: "expected 409 Conflict, got 201 Created" },
  { quirk: "unauthorized-no-body", exit: 1, failed: ["oin-spec-test.status-401"], message: "expected a JSON body" },
  { quirk: "html-errors", exit: 1, failed: ["oin-spec-test.invalid-user-by-id", "oin-spec-test.status-401", "oin-spec-test.status-404"], message: "text/html" },
  { quirk: "cdn-502", exit: 5, failed: ["groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "groups.push.lookup", "oin-spec-test.create-user", "oin-spec-test.invalid-user-by-id", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "oin-spec-test.recreate-fails", "oin-spec-test.status-401", "oin-spec-test.status-404", "oin-spec-test.username-case", "oin-spec-test.users-endpoint", "test-credentials.groups", "test-credentials.no-credentials", "test-credentials.users", "test-credentials.wrong-credentials", "users.create.create", "users.create.duplicate", "users.create.lookup", "users.create.unknown-id", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create"], message: "502" },
  { quirk: "reject-scim-json-content-type", exit: 1, failed: ["groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "oin-spec-test.users-endpoint", "users.create.create", "users.create.duplicate", "users.deactivate.create", "users.password.create", "users.update.create"], message: "415" },
  { quirk: "reject-scim-json-accept", exit: 1, failed: ["groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "groups.push.lookup", "oin-spec-test.create-user", "oin-spec-test.invalid-user-by-id", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "oin-spec-test.recreate-fails", "oin-spec-test.status-404", "oin-spec-test.username-case", "oin-spec-test.users-endpoint", "test-credentials.groups", "test-credentials.users", "users.create.create", "users.create.duplicate", "users.create.lookup", "users.create.unknown-id", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create"], message: "406" },
  { quirk: "token-without-bearer", args: ["--keep-going"], exit: 1, failed: ["groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "groups.push.lookup", "oin-spec-test.create-user", "oin-spec-test.invalid-user-by-id", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "oin-spec-test.recreate-fails", "oin-spec-test.status-404", "oin-spec-test.username-case", "oin-spec-test.users-endpoint", "test-credentials.groups", "test-credentials.users", "users.create.create", "users.create.duplicate", "users.create.lookup", "users.create.unknown-id", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create"], message: "expected 200 OK, got 401 Unauthorized" },
  { quirk: "slow=700", args: ["--feature", "oinSpecTest"], exit: 0, failed: [], warned: ["oin-spec-test.groups-endpoint"], message: "within 600 ms" },
  { quirk: "unstable-order", exit: 0, failed: [], warned: ["groups.import.import-small-pages", "users.import.import-small-pages"], message: "" },
  { quirk: "deactivate-deletes", exit: 1, failed: ["users.deactivate.lookup-deactivated", "users.deactivate.reactivate", "users.deactivate.read-deactivated", "users.deactivate.read-reactivated"], message: "got 404 Not Found" },
  { quirk: "reactivate-new-id", exit: 1, failed: ["users.deactivate.read-reactivated"], message: "" },
  { quirk: "members-replace-empty-ignored", exit: 1, failed: ["groups.push.get-after-replace"], message: "an array or string of length 0, got array" },
  { quirk: "error-status-integer", exit: 0, failed: [], warned: ["oin-spec-test.status-401", "oin-spec-test.status-404", "test-credentials.no-credentials", "test-credentials.wrong-credentials", "users.create.unknown-id"], message: "" },
];

describe('each misbehaviour switch fails exactly the steps it should', () => {
  it.each(QUIRK_CASES)('$quirk', async ({ quirk, args, exit, failed, warned, message }) => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk(quirk)] });
    try {
      const { exitCode, report } = await run(server, ['--timeout', '10000', ...(args ?? [])]);
      expect(failedOf(report)).toEqual(failed);
      expect(exitCode).toBe(exit);
      // Whatever the switch breaks, what is left on the server is exactly what the run lists.
      expect(storedIds(server)).toEqual(listedIds(report));
      if (warned !== undefined) expect(stepsWhere(report, (s) => s.warnings.length > 0)).toEqual(warned);
      const messages = report.suites.flatMap((s) => s.steps.flatMap((st) => [...st.checks.filter((c) => !c.passed), ...st.warnings].map((c) => c.message)));
      if (message !== '') expect(messages.some((m) => m.includes(message)), `no message mentions ${message}: ${messages.slice(0, 5).join(' | ')}`).toBe(true);
    } finally {
      await server.close();
    }
  });

  it.each(['rate-limit', 'rate-limit-http-date', 'rate-limit-no-retry-after'])('%s: retried as Okta does; a non-integer Retry-After is a warning', async (quirk) => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk(quirk)] });
    try {
      const { exitCode, report } = await run(server, ['--feature', 'testCredentials']);
      expect(exitCode).toBe(0);
      const warnings = report.suites.flatMap((s) => s.steps.flatMap((st) => st.warnings.map((w) => w.message)));
      if (quirk === 'rate-limit') expect(warnings).toEqual([]);
      else expect(warnings.some((m) => m.startsWith('429 Too Many Requests'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('the bytes Okta sends', () => {
  it('are replayed exactly: path, query encoding, headers and bodies', async () => {
    const server = await startServer({ port: 0, token: TOKEN });
    try {
      await run(server, ['--feature', 'testCredentials,createUsers,deactivateUsers']);
      const got = server.received;
      const probe = got.find((r) => r.method === 'GET' && r.path === '/scim/v2/Users' && r.rawQuery === 'startIndex=1&count=2');
      expect(probe?.headers).toMatchObject({
        'user-agent': 'Okta SCIM Client 1.0.0',
        accept: 'application/scim+json',
        'accept-charset': 'utf-8',
        'accept-encoding': 'gzip,deflate',
        authorization: `Bearer ${TOKEN}`,
      });
      expect(probe?.headers['content-type']).toBeUndefined();
      const lookup = got.find((r) => r.method === 'GET' && r.rawQuery.startsWith('filter=userName%20eq%20%22scim-check-'));
      expect(lookup?.rawQuery).toMatch(/^filter=userName%20eq%20%22scim-check-[0-9a-f]{8}-[^"&]+%40[^"&]+%22&startIndex=1&count=100$/);
      const create = got.find((r) => r.method === 'POST' && r.path === '/scim/v2/Users');
      expect(create?.headers['content-type']).toBe('application/scim+json; charset=utf-8');
      const body = JSON.parse(create?.body ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], groups: [], active: true });
      expect(String(body['password'])).toHaveLength(8);
      expect(typeof body['externalId']).toBe('string');
      const deactivate = got.find((r) => r.method === 'PATCH' && r.body.includes('"active":false'));
      expect(JSON.parse(deactivate?.body ?? '{}')).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
    } finally {
      await server.close();
    }
  });
});
