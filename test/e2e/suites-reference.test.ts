// The built-in Okta suites end to end with the real CLI: green against the reference server for every profile,
// each misbehaviour switch failing exactly the steps it should, for the stated reason, and Okta's exact request bytes.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'suites-e2e-token-93b1f';
const dir = mkdtempSync(join(tmpdir(), 'scim-check-suites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ReportStep { id: string; status: string; skipReason?: string; requirements?: string[]; checks: Array<{ passed: boolean; message: string; pointer?: string }>; warnings: Array<{ message: string; pointer?: string }> }
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

describe('the built-in suites against the reference server', { timeout: 300_000 }, () => {
  it.each(['okta', 'okta-aiw', 'postman'])('pass with the %s profile with no failure and no warning, leaving nothing behind', async (profile) => {
    const server = await startServer({ port: 0, token: TOKEN });
    try {
      const { exitCode, report } = await run(server, ['--profile', profile]);
      expect(failedOf(report)).toEqual([]);
      expect(stepsWhere(report, (s) => s.warnings.length > 0)).toEqual([]);
      expect(exitCode).toBe(0);
      // Postman's profile declares password sync unsupported; every other feature is ready.
      expect(report.suites.filter((s) => s.verdict !== 'ready').map((s) => s.feature)).toEqual(profile === 'postman' ? ['passwordSync'] : []);
      expect(server.store.users.size).toBe(0);
      expect(server.store.groups.size).toBe(0);
      // The JSON report lists the requirements each step checks (docs/requirements.md).
      const create = report.suites.find((s) => s.id === 'users.create')?.steps.find((s) => s.id === 'duplicate-other-case');
      expect(create?.requirements).toContain('rfc7643-4.1.1-username-unique-any-case');
    } finally {
      await server.close();
    }
  });

  it.each(['okta', 'okta-aiw', 'postman'])('%s: a server that declares changePassword unsupported comes out green with no warning, Sync Password "unsupported, as declared"', async (profile) => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('declare-no-change-password')] });
    try {
      const { exitCode, report, stdout } = await run(server, ['--profile', profile]);
      expect(failedOf(report)).toEqual([]);
      expect(stepsWhere(report, (s) => s.warnings.length > 0)).toEqual([]);
      expect(exitCode).toBe(0);
      const password = report.suites.find((s) => s.feature === 'passwordSync');
      expect(password?.verdict).toBe('unsupported');
      const declared = password?.steps.filter((s) => s.status === 'unsupported') ?? [];
      expect(declared.length).toBeGreaterThan(0);
      // The server's declaration names Okta's consequence; Postman's profile already declares the limit itself.
      if (profile !== 'postman') for (const step of declared) expect(step.skipReason).toContain('do not enable Sync Password');
      expect(stdout).toContain('unsupported, as declared');
    } finally {
      await server.close();
    }
  });

  it('fails a needed capability the server declares unsupported, with the reason', async () => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('declare-no-change-password')] });
    const profile = join(dir, 'needs-password.yaml');
    writeFileSync(profile, readFileSync(new URL('../../suites/profiles/okta.yaml', import.meta.url), 'utf8').replace('needs: [patch, filter]', 'needs: [patch, filter, changePassword]'));
    try {
      const { exitCode, report } = await run(server, ['--profile', profile, '--feature', 'passwordSync']);
      expect(exitCode).toBe(1);
      expect(failedOf(report)).toEqual(['users.password.patch-password', 'users.password.read']);
      const messages = report.suites.flatMap((s) => s.steps.flatMap((st) => st.checks.filter((c) => !c.passed).map((c) => c.message)));
      expect(messages.every((m) => m.includes('declares changePassword.supported false, but profile okta needs changePassword'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reports a declaration the server does not honour: changePassword declared supported, the password PATCH refused', async () => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('patch-pathless-400')] });
    try {
      const { exitCode, report } = await run(server, ['--feature', 'passwordSync']);
      expect(exitCode).toBe(1);
      const step = report.suites.find((s) => s.feature === 'passwordSync')?.steps.find((s) => s.id === 'patch-password');
      expect(step?.status).toBe('failed');
      expect(step?.checks.some((c) => !c.passed && c.message.includes('declares changePassword.supported true, but the server did not honour it'))).toBe(true);
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
      // Postman's case-sensitive filter values are a limit its profile declares: reported with the consequence.
      const create = report.suites.find((s) => s.id === 'users.create');
      expect(create?.verdictReason).toContain('known limit of postman: lookup-upper');
      expect(create?.steps.find((s) => s.id === 'lookup-upper')?.skipReason).toContain('second account');
      // Postman cannot delete users: they were deactivated, and the run says so.
      expect([...server.store.users.values()].every((u) => (u as { active?: boolean }).active === false)).toBe(true);
      expect(stdout).toContain('deactivated instead');
      expect(storedIds(server)).toEqual(listedIds(report));
    } finally {
      await server.close();
    }
  });
});

describe('paging as Okta imports', { timeout: 300_000 }, () => {
  interface PagedReport extends Report { notices?: string[] }
  const pagesOf = (server: RunningServer, path: string, count: string): number =>
    server.received.filter((r) => r.method === 'GET' && r.path === path && new URLSearchParams(r.rawQuery).get('count') === count && !new URLSearchParams(r.rawQuery).has('filter')).length;

  it('reads every page with no bound, and --max-pages N stops there and says so in the report', async () => {
    const server = await startServer({ port: 0, token: TOKEN });
    try {
      // 5050 users outside the run: Okta's 100-per-page import reads 51 pages, past any fixed cap of 50.
      for (let i = 0; i < 5050; i++) server.store.insert('User', { userName: `seed-${i}@example.com`, name: { givenName: 'Seed', familyName: `${i}` }, active: true });
      const whole = await run(server, ['--feature', 'importUsers']);
      expect(whole.exitCode).toBe(0);
      expect(pagesOf(server, '/scim/v2/Users', '100')).toBe(51);
      // The two-per-page stand-in keeps its own bound (50 pages), and the report names it.
      expect((whole.report as PagedReport).notices).toContainEqual(expect.stringContaining("users.import.import-small-pages stopped after 50 pages (the suite's maxPages 50)"));
      expect((whole.report as PagedReport).notices?.some((n) => n.startsWith('users.import.import '))).toBe(false);

      const bounded = await run(server, ['--feature', 'importUsers', '--max-pages', '1']);
      expect(bounded.exitCode).toBe(0);
      const notices = (bounded.report as PagedReport).notices ?? [];
      expect(notices).toContainEqual(expect.stringContaining('users.import.import stopped after 1 page (--max-pages 1) before the list ended'));
      const importStep = bounded.report.suites.find((s) => s.id === 'users.import')?.steps.find((s) => s.id === 'import');
      expect(importStep?.checks.some((c) => c.passed && c.message.includes('the page limit (--max-pages or the suite\'s maxPages) was reached'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('refuses a --max-pages that is not a whole number of pages, naming the flag', async () => {
    const r = await runCli(['run', '--base-url', 'http://127.0.0.1:9/scim/v2', '--max-pages', '0'], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--max-pages 0');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

/** The okta profile's mapped attributes (Okta's base mapping), as users.attributes step ids name them. */
const BASE_MAPPING = ['userName', 'name.givenName', 'name.familyName', 'name.middleName', 'name.honorificPrefix', 'name.honorificSuffix', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'emails', 'phoneNumbers', 'addresses', 'enterprise.employeeNumber', 'enterprise.costCenter', 'enterprise.organization', 'enterprise.division', 'enterprise.department'];
/** Okta never sends these empty, so they have no clearing round trip. */
const CLEARABLE = BASE_MAPPING.filter((a) => !['userName', 'name.givenName', 'name.familyName'].includes(a));
const ENTERPRISE = BASE_MAPPING.filter((a) => a.startsWith('enterprise.'));
/** `users.attributes.<attr>-<kind>` for each attribute and kind. */
const attr = (names: readonly string[], ...kinds: string[]): string[] => names.flatMap((n) => kinds.map((k) => `users.attributes.${n.replace(/\./g, '-')}-${k}`));

/** The optional round trip of every other attribute the server advertises (users.attributes.advertised-*). */
const ADVERTISED_SCHEMAS = ['users.attributes.advertised-schemas'];
const ADVERTISED_CREATE = ['users.attributes.advertised-create'];
const ADVERTISED_READS = ['users.attributes.advertised-read-created', 'users.attributes.advertised-read-updated'];

/** What each switch breaks, at the default gate (required); `warned` for switches Okta tolerates. */
const QUIRK_CASES: Array<{ quirk: string; args?: string[]; exit: number; failed: string[]; warned?: string[]; unsupported?: string[]; message: string }> = [
  { quirk: "string-counts", exit: 1, failed: ["groups.import.import", "groups.link.lookup", "groups.link.refresh", "groups.push.lookup", "test-credentials.groups", "test-credentials.users", "users.create.lookup", "users.create.lookup-exact", "users.create.lookup-upper", "users.deactivate.lookup-deactivated", "users.import.import"], warned: ["groups.import.import", "groups.import.import-small-pages", "groups.link.lookup-other-case", "groups.push.lookup", "oin-spec-test.random-user-absent", "oin-spec-test.users-endpoint", "protocol.count-zero", "protocol.items-per-page", "protocol.start-index-past-end", "test-credentials.groups", "test-credentials.users", "users.create.lookup", "users.create.lookup-exact", "users.import.import", "users.import.import-small-pages"], message: "expected integer" },
  { quirk: "filter-404", exit: 0, failed: [], warned: ["groups.push.lookup", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "users.create.lookup"], message: "expected 200 OK, got 404 Not Found" },
  { quirk: "filter-case-sensitive", exit: 1, failed: ["users.create.lookup-upper"], warned: [], message: "expected 1, got 0" },
  { quirk: "filter-hides-inactive", exit: 1, failed: ["users.deactivate.lookup-deactivated"], warned: [], message: "expected 1, got 0" },
  { quirk: "patch-pathless-400", exit: 1, failed: ["groups.link.get-renamed", "groups.link.rename", "groups.link.rename-after-members", "groups.push.get-after-rename", "groups.push.rename", "groups.push.rename-after-add", "users.deactivate.deactivate", "users.deactivate.lookup-deactivated", "users.deactivate.reactivate", "users.deactivate.read-deactivated", "users.password.patch-password"], warned: ["protocol.patch-op-capitalised", "users.update.patch", "users.update.read-patch", ...attr(BASE_MAPPING, "patch", "read-patch")], message: "got 400 Bad Request" },
  { quirk: "patch-pathless-500", exit: 1, failed: ["groups.link.get-renamed", "groups.link.rename", "groups.link.rename-after-members", "groups.push.get-after-rename", "groups.push.rename", "groups.push.rename-after-add", "users.deactivate.deactivate", "users.deactivate.lookup-deactivated", "users.deactivate.reactivate", "users.deactivate.read-deactivated", "users.password.patch-password"], warned: ["protocol.patch-op-capitalised", "users.update.patch", "users.update.read-patch", ...attr(BASE_MAPPING, "patch", "read-patch")], message: "got 500 Internal Server Error" },
  { quirk: "group-rename-id-rejected", exit: 1, failed: ["groups.link.get-renamed", "groups.link.rename", "groups.link.rename-after-members", "groups.push.get-after-rename", "groups.push.rename", "groups.push.rename-after-add"], warned: [], message: "got 400 Bad Request" },
  { quirk: "create-empty-body", exit: 1, failed: ["groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "users.create.create", "users.deactivate.create", "users.password.create", "users.update.create", "users.attributes.create"], warned: ["users.password.create", "groups.import.create-group1", "groups.import.create-group2", "groups.import.create-group3", "groups.push.create", "oin-spec-test.create-user", "oin-spec-test.existing-user", "protocol.create-group", "protocol.create-user", "users.create.create", "users.import.create-user1", "users.import.create-user2", "users.import.create-user3", ...ADVERTISED_CREATE], message: "expected a JSON body" },
  { quirk: "create-200", exit: 0, failed: [], warned: ["groups.push.create", "users.create.create", "oin-spec-test.create-user", "protocol.create-group", "protocol.create-user", "protocol.no-schemas"], message: "expected 201 Created, got 200 OK" },
  { quirk: "duplicate-create-201", exit: 1, failed: ["users.create.duplicate", "users.create.duplicate-other-case"], warned: ["oin-spec-test.recreate-fails"], message: "expected 409 Conflict, got 201 Created" },
  { quirk: "unauthorized-no-body", exit: 0, failed: [], warned: ["oin-spec-test.status-401", "test-credentials.no-credentials", "test-credentials.wrong-credentials"], message: "expected a JSON body" },
  { quirk: "html-errors", exit: 0, failed: [], warned: ["discovery.unknown-schema-id", "oin-spec-test.invalid-user-by-id", "oin-spec-test.status-401", "oin-spec-test.status-404", "protocol.invalid-filter-syntax", "protocol.malformed-json", "protocol.me", "protocol.patch-invalid-path", "protocol.patch-remove-no-path", "protocol.unknown-endpoint", "protocol.unknown-group-delete", "protocol.unknown-group-get", "protocol.unknown-group-patch", "protocol.unknown-group-put", "protocol.unknown-operator", "protocol.unknown-user-delete", "protocol.unknown-user-patch", "protocol.unknown-user-put", "test-credentials.no-credentials", "test-credentials.wrong-credentials", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.unknown-id", "discovery.unknown-resource-type-id", "groups.push.get-deleted", "oin-spec-test.recreate-fails"], message: "text/html" },
  { quirk: "cdn-502", exit: 5, failed: ["groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "groups.push.lookup", "test-credentials.groups", "test-credentials.users", "users.create.create", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.lookup", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create", "users.attributes.create"], warned: ["discovery.patch-agrees", "discovery.resource-type-by-id", "discovery.resource-types", "discovery.schema-by-id", "discovery.schemas", "discovery.service-provider-config", "discovery.unknown-schema-id", "groups.import.create-group1", "groups.import.create-group2", "groups.import.create-group3", "groups.import.import-small-pages", "groups.push.lookup", "oin-spec-test.create-user", "oin-spec-test.existing-user", "oin-spec-test.groups-endpoint", "oin-spec-test.invalid-user-by-id", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "oin-spec-test.recreate-fails", "oin-spec-test.status-401", "oin-spec-test.status-404", "oin-spec-test.username-case", "oin-spec-test.users-endpoint", "protocol.count-zero", "protocol.create-group", "protocol.create-user", "protocol.invalid-filter-syntax", "protocol.items-per-page", "protocol.malformed-json", "protocol.me", "protocol.no-schemas", "protocol.start-index-past-end", "protocol.unknown-endpoint", "protocol.unknown-group-delete", "protocol.unknown-group-get", "protocol.unknown-group-patch", "protocol.unknown-group-put", "protocol.unknown-operator", "protocol.unknown-user-delete", "protocol.unknown-user-patch", "protocol.unknown-user-put", "test-credentials.no-credentials", "test-credentials.wrong-credentials", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.lookup", "users.create.unknown-id", "users.import.create-user1", "users.import.create-user2", "users.import.create-user3", "users.import.import-small-pages", "discovery.enterprise-schema-by-id", "discovery.unknown-resource-type-id", "groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "test-credentials.groups", "test-credentials.users", "users.create.create", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create", "users.attributes.create", ...attr(BASE_MAPPING, "schema"), ...ADVERTISED_SCHEMAS], message: "502" },
  { quirk: "reject-scim-json-content-type", exit: 1, failed: ["groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "users.create.create", "users.create.duplicate", "users.create.duplicate-other-case", "users.deactivate.create", "users.password.create", "users.update.create", "users.attributes.create"], warned: ["groups.push.create", "users.create.create", "groups.import.create-group1", "groups.import.create-group2", "groups.import.create-group3", "oin-spec-test.existing-user", "oin-spec-test.users-endpoint", "protocol.count-zero", "protocol.create-group", "protocol.create-user", "protocol.items-per-page", "protocol.malformed-json", "protocol.no-schemas", "protocol.start-index-past-end", "protocol.unknown-group-patch", "protocol.unknown-group-put", "protocol.unknown-user-patch", "protocol.unknown-user-put", "users.create.duplicate", "users.create.duplicate-other-case", "users.import.create-user1", "users.import.create-user2", "users.import.create-user3", ...ADVERTISED_CREATE], message: "415" },
  { quirk: "reject-scim-json-accept", exit: 1, failed: ["groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "groups.push.lookup", "test-credentials.groups", "test-credentials.users", "users.create.create", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.lookup", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create", "users.attributes.create"], warned: ["groups.push.create", "users.create.create", "discovery.patch-agrees", "discovery.resource-type-by-id", "discovery.resource-types", "discovery.schema-by-id", "discovery.schemas", "discovery.service-provider-config", "discovery.unknown-schema-id", "groups.import.create-group1", "groups.import.create-group2", "groups.import.create-group3", "groups.import.import-small-pages", "groups.push.lookup", "oin-spec-test.create-user", "oin-spec-test.existing-user", "oin-spec-test.groups-endpoint", "oin-spec-test.invalid-user-by-id", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "oin-spec-test.recreate-fails", "oin-spec-test.status-404", "oin-spec-test.username-case", "oin-spec-test.users-endpoint", "protocol.count-zero", "protocol.create-group", "protocol.create-user", "protocol.invalid-filter-syntax", "protocol.items-per-page", "protocol.malformed-json", "protocol.me", "protocol.no-schemas", "protocol.start-index-past-end", "protocol.unknown-endpoint", "protocol.unknown-group-delete", "protocol.unknown-group-get", "protocol.unknown-group-patch", "protocol.unknown-group-put", "protocol.unknown-operator", "protocol.unknown-user-delete", "protocol.unknown-user-patch", "protocol.unknown-user-put", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.lookup", "users.create.unknown-id", "users.import.create-user1", "users.import.create-user2", "users.import.create-user3", "users.import.import-small-pages", "discovery.enterprise-schema-by-id", "discovery.unknown-resource-type-id", ...attr(BASE_MAPPING, "schema"), ...ADVERTISED_SCHEMAS], message: "406" },
  { quirk: "token-without-bearer", args: ["--keep-going"], exit: 1, failed: ["groups.import.import", "groups.link.create-group", "groups.link.create-member1", "groups.link.create-member2", "groups.push.create", "groups.push.create-member1", "groups.push.create-member2", "groups.push.lookup", "test-credentials.groups", "test-credentials.users", "users.create.create", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.lookup", "users.deactivate.create", "users.import.import", "users.password.create", "users.update.create", "users.attributes.create"], warned: ["groups.push.create", "users.create.create", "discovery.patch-agrees", "discovery.resource-type-by-id", "discovery.resource-types", "discovery.schema-by-id", "discovery.schemas", "discovery.service-provider-config", "discovery.unknown-schema-id", "groups.import.create-group1", "groups.import.create-group2", "groups.import.create-group3", "groups.import.import-small-pages", "groups.push.lookup", "oin-spec-test.create-user", "oin-spec-test.existing-user", "oin-spec-test.groups-endpoint", "oin-spec-test.invalid-user-by-id", "oin-spec-test.invalid-user-by-username", "oin-spec-test.random-user-absent", "oin-spec-test.recreate-fails", "oin-spec-test.status-404", "oin-spec-test.username-case", "oin-spec-test.users-endpoint", "protocol.count-zero", "protocol.create-group", "protocol.create-user", "protocol.invalid-filter-syntax", "protocol.items-per-page", "protocol.malformed-json", "protocol.me", "protocol.no-schemas", "protocol.start-index-past-end", "protocol.unknown-endpoint", "protocol.unknown-group-delete", "protocol.unknown-group-get", "protocol.unknown-group-patch", "protocol.unknown-group-put", "protocol.unknown-operator", "protocol.unknown-user-delete", "protocol.unknown-user-patch", "protocol.unknown-user-put", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.lookup", "users.create.unknown-id", "users.import.create-user1", "users.import.create-user2", "users.import.create-user3", "users.import.import-small-pages", "discovery.enterprise-schema-by-id", "discovery.unknown-resource-type-id", ...attr(BASE_MAPPING, "schema"), ...ADVERTISED_SCHEMAS], message: "expected 200 OK, got 401 Unauthorized" },
  { quirk: "slow=700", args: ["--feature", "oinSpecTest"], exit: 0, failed: [], warned: ["oin-spec-test.groups-endpoint"], message: "within 600 ms" },
  { quirk: "unstable-order", exit: 0, failed: [], warned: ["groups.import.import-small-pages", "users.import.import-small-pages"], message: "appears 2 times" },
  { quirk: "deactivate-deletes", exit: 1, failed: ["users.deactivate.lookup-deactivated", "users.deactivate.reactivate", "users.deactivate.read-deactivated", "users.deactivate.read-reactivated"], warned: [], message: "got 404 Not Found" },
  { quirk: "reactivate-new-id", exit: 1, failed: ["users.deactivate.read-reactivated"], warned: [], message: "got 404 Not Found" },
  { quirk: "members-replace-empty-ignored", exit: 1, failed: ["groups.push.get-after-replace"], warned: [], message: "an array or string of length 0, got array" },
  { quirk: "error-status-integer", exit: 0, failed: [], warned: ["oin-spec-test.status-401", "oin-spec-test.status-404", "protocol.unknown-group-get", "test-credentials.no-credentials", "test-credentials.wrong-credentials", "users.create.unknown-id"], message: "/status must be string, got integer" },
  { quirk: "unique-case-sensitive", exit: 1, failed: ["users.create.duplicate-other-case"], warned: [], message: "expected 409 Conflict, got 201 Created" },
  { quirk: "group-filter-case-sensitive", exit: 0, failed: [], warned: ["groups.link.lookup-other-case"], message: "expected 1, got 0" },
  { quirk: "no-location", exit: 0, failed: [], warned: ["protocol.create-group", "protocol.create-user"], message: "expected header location, got none" },
  { quirk: "relative-location", exit: 0, failed: [], warned: ["discovery.resource-type-by-id", "discovery.schema-by-id", "discovery.service-provider-config", "groups.import.import", "groups.push.create", "protocol.create-group", "protocol.create-user", "users.create.create", "users.create.lookup-exact", "users.import.import"], message: "must be a valid uri" },
  { quirk: "no-www-authenticate", exit: 0, failed: [], warned: ["test-credentials.no-credentials", "test-credentials.wrong-credentials"], message: "expected header www-authenticate, got none" },
  { quirk: "invalid-filter-200", exit: 0, failed: [], warned: ["protocol.invalid-filter-syntax", "protocol.unknown-operator"], message: "expected 400 Bad Request, got 200 OK" },
  { quirk: "items-per-page-count", exit: 0, failed: [], warned: ["protocol.items-per-page"], message: "expected 1, got 5" },
  { quirk: "malformed-json-500", exit: 0, failed: [], warned: ["protocol.malformed-json"], message: "expected 400 Bad Request, got 500 Internal Server Error" },
  { quirk: "delete-unknown-204", exit: 0, failed: [], warned: ["protocol.unknown-group-delete", "protocol.unknown-user-delete"], message: "got 204 No Content" },
  { quirk: "patch-errors-ignored", exit: 0, failed: [], warned: ["protocol.patch-invalid-path", "protocol.patch-remove-no-path"], message: "expected 400 Bad Request, got 200 OK" },
  { quirk: "patch-first-op-only", exit: 1, failed: ["groups.push.get-after-swap"], warned: [], message: "expected an array of 1 element" },
  { quirk: "patch-op-case-sensitive", exit: 0, failed: [], warned: ["protocol.patch-op-capitalised"], message: "expected one of 200, 204, got 400 Bad Request" },
  { quirk: "content-type-json", exit: 0, failed: [], warned: ["protocol.content-type"], message: "application/json; charset=utf-8" },
  { quirk: "scimtype-on-404", exit: 0, failed: [], warned: ["protocol.unknown-group-get"], message: "expected no value (key absent), got string \"invalidValue\"" },
  { quirk: "etag-undeclared", exit: 0, failed: [], warned: ["protocol.etag-as-declared"], message: "expected no header etag" },
  { quirk: "drop-enterprise", exit: 1, failed: ["users.attributes.read-created", ...attr(ENTERPRISE, "read-put")], warned: attr(ENTERPRISE, "read-patch"), message: "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User expected an object, got nothing" },
  { quirk: "phone-numbers-single", exit: 0, failed: [], warned: ["users.attributes.read-created", ...attr(["phoneNumbers"], "read-put", "read-patch")], message: "/phoneNumbers expected a value of type array, got object" },
  { quirk: "clear-ignored", exit: 1, failed: attr(CLEARABLE, "read-cleared"), warned: [], message: "/title expected one of: no value (key absent); null; string \"\"; array matching [], got string" },
  { quirk: "error-content-type-text", exit: 0, failed: [], warned: ["discovery.unknown-resource-type-id", "discovery.unknown-schema-id", "groups.push.get-deleted", "oin-spec-test.invalid-user-by-id", "oin-spec-test.recreate-fails", "oin-spec-test.status-401", "oin-spec-test.status-404", "protocol.invalid-filter-syntax", "protocol.malformed-json", "protocol.me", "protocol.patch-invalid-path", "protocol.patch-remove-no-path", "protocol.unknown-endpoint", "protocol.unknown-group-delete", "protocol.unknown-group-get", "protocol.unknown-group-patch", "protocol.unknown-group-put", "protocol.unknown-operator", "protocol.unknown-user-delete", "protocol.unknown-user-patch", "protocol.unknown-user-put", "test-credentials.no-credentials", "test-credentials.wrong-credentials", "users.create.duplicate", "users.create.duplicate-other-case", "users.create.unknown-id"], message: "content-type to be one of: no value (key absent); a string matching /^application/(scim\\+)?json/, got \"text/plain; charset=utf-8\"" },
  { quirk: "schema-single-valued", exit: 0, failed: [], warned: attr(["phoneNumbers", "addresses"], "schema"), message: "{\"name\":\"phoneNumbers\",\"type\":\"complex\",\"multiValued\":true}" },
  { quirk: "drop-advertised", exit: 0, failed: [], warned: ADVERTISED_READS, message: "/roles expected an array with an element that is object matching" },
  { quirk: "drop-custom-extension", exit: 0, failed: [], warned: ADVERTISED_READS, message: "/urn:ietf:params:scim:schemas:extension:example:2.0:User/badgeNumber expected a string equal to \"badgeNumber-1\" ignoring case, got nothing (key absent)" },
  { quirk: "declare-no-change-password", exit: 0, failed: [], warned: [], unsupported: ["users.password.patch-password", "users.password.read"], message: "" },
];

describe('each misbehaviour switch fails exactly the steps it should', { timeout: 300_000 }, () => {
  it.each(QUIRK_CASES)('$quirk', async ({ quirk, args, exit, failed, warned, unsupported, message }) => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk(quirk)] });
    try {
      const { exitCode, report } = await run(server, ['--timeout', '10000', ...(args ?? [])]);
      expect(failedOf(report)).toEqual([...failed].sort());
      expect(exitCode).toBe(exit);
      // Whatever the switch breaks, what is left on the server is exactly what the run lists.
      expect(storedIds(server)).toEqual(listedIds(report));
      if (warned !== undefined) expect(stepsWhere(report, (s) => s.warnings.length > 0)).toEqual([...warned].sort());
      expect(stepsWhere(report, (s) => s.status === 'unsupported')).toEqual(unsupported ?? []);
      // A body check's message follows its JSON pointer, as every reporter shows them.
      const messages = report.suites.flatMap((s) => s.steps.flatMap((st) => [...st.checks.filter((c) => !c.passed), ...st.warnings].map((c) => (c.pointer === undefined || c.pointer === '' ? c.message : `${c.pointer} ${c.message}`))));
      if (message !== '') expect(messages.some((m) => m.includes(message)), `no message mentions ${message}: ${messages.slice(0, 5).join(' | ')}`).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('drop-advertised: the verdict names each attribute dropped, after the create and after the change', async () => {
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('drop-advertised')] });
    try {
      const { report } = await run(server, ['--feature', 'updateUsers']);
      const steps = report.suites.find((s) => s.id === 'users.attributes')?.steps ?? [];
      for (const id of ['advertised-read-created', 'advertised-read-updated']) {
        expect(steps.find((s) => s.id === id)?.warnings.map((w) => w.pointer)).toEqual(['/ims', '/roles']);
      }
      expect(server.store.users.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a profile mapping enterprise.manager and a custom extension attribute: green as it is, its steps failing at required when the extension is dropped', async () => {
    const profile = join(dir, 'custom-attributes.yaml');
    writeFileSync(profile, readFileSync(new URL('../../suites/profiles/okta.yaml', import.meta.url), 'utf8')
      .replace('\nattributes:\n', '\nattributes:\n  - enterprise.manager\n  - urn:ietf:params:scim:schemas:extension:example:2.0:User:badgeNumber\n'));
    const clean = await startServer({ port: 0, token: TOKEN });
    try {
      const { exitCode, report } = await run(clean, ['--profile', profile]);
      expect(failedOf(report)).toEqual([]);
      expect(stepsWhere(report, (s) => s.warnings.length > 0)).toEqual([]);
      expect(exitCode).toBe(0);
      expect(stepsWhere(report, (s) => /manager|badgeNumber/.test(s.id))).toContain('users.attributes.example-badgeNumber-read-cleared');
      expect(stepsWhere(report, (s) => /manager|badgeNumber/.test(s.id))).toContain('users.attributes.enterprise-manager-read-patch');
    } finally {
      await clean.close();
    }
    const server = await startServer({ port: 0, token: TOKEN, quirks: [parseQuirk('drop-custom-extension')] });
    try {
      const { exitCode, report } = await run(server, ['--profile', profile]);
      expect(exitCode).toBe(1);
      expect(failedOf(report)).toEqual(['users.attributes.example-badgeNumber-read-put', 'users.attributes.read-created']);
      expect(stepsWhere(report, (s) => s.warnings.length > 0)).toEqual([...ADVERTISED_READS, 'users.attributes.example-badgeNumber-read-patch'].sort());
      const failed = report.suites.flatMap((s) => s.steps.flatMap((st) => st.checks.filter((c) => !c.passed).map((c) => `${c.pointer ?? ''} ${c.message}`)));
      expect(failed).toContain('/urn:ietf:params:scim:schemas:extension:example:2.0:User expected an object, got nothing (key absent)');
      // The advertised trip names each of the extension's other attributes it lost.
      expect(failed).toContain('/urn:ietf:params:scim:schemas:extension:example:2.0:User/deskFloor expected integer 41, got nothing (key absent)');
      expect(storedIds(server)).toEqual(listedIds(report));
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

describe('the bytes Okta sends', { timeout: 300_000 }, () => {
  it.each([
    ['okta', true],
    ['postman', false],
  ] as const)('with the %s profile, every user body is the one its Okta app sends, group members included', async (profile, full) => {
    const server = await startServer({ port: 0, token: TOKEN });
    try {
      const { exitCode } = await run(server, ['--profile', profile, '--feature', 'createUsers,updateUsers,pushGroups']);
      expect(exitCode).toBe(0);
      const userBodies = server.received
        .filter((r) => (r.method === 'POST' && r.path === '/scim/v2/Users') || (r.method === 'PUT' && r.path.startsWith('/scim/v2/Users/')))
        .map((r) => JSON.parse(r.body) as Record<string, unknown>);
      const members = userBodies.filter((b) => /-member[12]@/.test(String(b['userName'])));
      expect(members).toHaveLength(2);
      for (const body of userBodies.filter((b) => !Object.hasOwn(b, 'title') && b['userName'] !== undefined)) {
        // Okta's full body carries emails and displayName; Postman's names-only mapping sends neither.
        expect(Object.hasOwn(body, 'emails'), JSON.stringify(body)).toBe(full);
        expect(Object.hasOwn(body, 'displayName'), JSON.stringify(body)).toBe(full);
      }
      // The mapped attributes' round trips: Okta's base mapping carries the enterprise extension, Postman's does not.
      expect(userBodies.some((b) => Object.hasOwn(b, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'))).toBe(full);
    } finally {
      await server.close();
    }
  });

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
