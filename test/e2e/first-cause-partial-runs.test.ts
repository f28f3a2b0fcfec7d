// Partial runs say so: a feature whose steps did not all run is "partly checked" or "not checked", never "ready";
// --read-only on an empty server skips what needs data it may not create; suites without an Okta feature are listed
// apart. The built CLI against the reference server over loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'partial-token-5d0e9c';
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, token: TOKEN, quirks: [] });
});
afterAll(async () => {
  await server.close();
});

const env = { SCIM_TOKEN: TOKEN };

describe('partial runs', () => {
  it('--read-only on an empty server: nothing fails, nothing written-to is called ready', async () => {
    const r = await runCli(['run', '--read-only', '--base-url', server.baseUrl], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/^ {4}✗ /m);
    expect(r.stdout).toContain('- Required Test: Test Users endpoint (skipped: the list is empty, and --read-only creates nothing for it to list)');
    expect(r.stdout).toContain('(skipped: needs {{ userId }} from step create, which did not run (--read-only: it sends POST))');
    expect(r.stdout).toMatch(/◐ Create Users +partly checked — 2 of 8 steps ran \(--read-only\)/);
    expect(r.stdout).toMatch(/- Update User Attributes +not checked \(no step ran \(--read-only\)\)/);
    expect(r.stdout).toMatch(/◐ OIN SPEC test +partly checked/);
    // Only the suites whose every step is a read may be ready: Test API Credentials and discovery.
    expect(r.stdout.match(/ {2}ready\b/g)).toEqual(['  ready', '  ready']);
    expect(r.stdout).toMatch(/✓ Discovery \(not called by Okta\) +ready/);
    expect(r.stdout).toMatch(/✓ Test API Credentials +ready/);
    expect(server.received.length).toBeGreaterThan(10);
    expect(server.received.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('--only one step: its feature is partly checked, and a feature-less suite is listed apart', async () => {
    const r = await runCli(['run', 'suites/okta/test-credentials.yaml', 'test/e2e/suites/create-and-read.yaml', '--only', 'test-credentials.users,e2e.create-and-read', '--base-url', server.baseUrl], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Okta features \(profile okta\):\n {2}◐ Test API Credentials +partly checked — 1 of 4 steps ran \(--only\)\n\nOther suites \(no Okta feature\):\n {2}✓ Create and read a user +ready\n/);
  });
});
