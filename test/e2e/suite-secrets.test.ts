// A suite's `secrets:` names request-body members whose values are secrets, as `password` always is: the values
// appear in no output, report or dry run, even when the server echoes them back; a bad name is refused by validate.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { findLeak } from '../hostile/run-hostile.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'suite-secrets-token-0b7d';
const PIN = 'Pin-7c41-e9d2';
const SUITE = `id: my.secrets
title: A user with a secret attribute
secrets: [employeePin]
defaults:
  headers: { $use: okta }
steps:
  - id: create
    title: Create a user carrying a PIN
    request:
      method: POST
      path: /Users
      body:
        schemas: [urn:ietf:params:scim:schemas:core:2.0:User]
        userName: 'scim-check-{{ run.id }}-pin@example.com'
        employeePin: ${PIN}
    expect: { status: 201 }
    capture: { id: body.id }
    cleanup: { method: DELETE, path: '/Users/{{ id }}' }
`;

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-suite-secrets-'));
  writeFileSync(join(dir, 'secrets.yaml'), SUITE);
  server = await startServer({ port: 0, token: TOKEN });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('suite secrets', () => {
  it('never shows a marked value: run output, --verbose, JSON, HAR and JUnit reports', async () => {
    const r = await runCli(['run', 'secrets.yaml', '--base-url', server.baseUrl, '--verbose', '--reporter', 'pretty', '--reporter', 'json=r.json', '--reporter', 'har=r.har', '--reporter', 'junit=r.xml'], { cwd: dir, env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    // The request went out with the value (the server received it), and only the output hides it.
    expect(server.received.some((q) => q.body?.includes(PIN) === true)).toBe(true);
    const artefacts = readdirSync(dir).filter((f) => /^r\./.test(f)).map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(artefacts).toHaveLength(3);
    for (const text of [r.stdout, r.stderr, ...artefacts]) expect(findLeak(text, PIN, false)).toBeUndefined();
    expect(artefacts.join('')).toContain('[REDACTED]');
  });

  it('never shows a marked value in a dry run', async () => {
    const r = await runCli(['run', 'secrets.yaml', '--base-url', server.baseUrl, '--dry-run'], { cwd: dir, env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('"employeePin":"[REDACTED]"');
    expect(findLeak(r.stdout + r.stderr, PIN, false)).toBeUndefined();
  });

  it('refuses a name that is not a member name, at its line and column', async () => {
    writeFileSync(join(dir, 'bad.yaml'), SUITE.replace('secrets: [employeePin]', 'secrets: [employee-pin]'));
    const r = await runCli(['validate', 'bad.yaml'], { cwd: dir });
    expect(r.exitCode).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/bad\.yaml:3:\d+/);
  });
});
