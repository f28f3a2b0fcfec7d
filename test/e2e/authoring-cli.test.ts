// What a suite author meets on the command line: init, -v, --var, built-in suite ids beside files, scim-check.yml.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-authoring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fresh = (): string => mkdtempSync(join(dir, 'case-'));

describe('scim-check init', () => {
  it('writes a starter suite and scim-check.yaml that validate, run green against the reference server, and refuses to overwrite', async () => {
    const cwd = fresh();
    const first = await runCli(['init'], { cwd });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('Wrote my-suite.yaml and scim-check.yaml.');
    const checked = await runCli(['validate', 'my-suite.yaml', 'scim-check.yaml'], { cwd });
    expect(checked.stdout).toBe('✓ my-suite.yaml (3 steps)\n✓ scim-check.yaml (config)\n');
    expect(readFileSync(join(cwd, 'my-suite.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);

    const token = 'init-e2e-token';
    const server = await startServer({ port: 0, token });
    try {
      const r = await runCli(['run', 'my-suite.yaml', '--base-url', server.baseUrl], { cwd, env: { SCIM_TOKEN: token } });
      expect(r.stdout).toContain('Steps: 3 passed (3)');
      expect(r.exitCode).toBe(0);
      expect(server.store.users.size).toBe(0);
      // --verbose: each exchange under its step, redacted.
      const verbose = await runCli(['run', 'my-suite.yaml', '--base-url', server.baseUrl, '--verbose'], { cwd, env: { SCIM_TOKEN: token } });
      expect(verbose.exitCode).toBe(0);
      expect(verbose.stdout).toMatch(/✓ Create the user.*\n {6}> POST http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Users\n {6}> Authorization: Bearer \[REDACTED\]\n/);
      expect(verbose.stdout).toMatch(/ {6}< 201 Created\n/);
      expect(verbose.stdout).toContain('      > Content-Type: application/scim+json; charset=utf-8');
      expect(verbose.stdout + verbose.stderr).not.toContain(token);
    } finally {
      await server.close();
    }

    writeFileSync(join(cwd, 'my-suite.yaml'), '# mine\n');
    const again = await runCli(['init'], { cwd });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('my-suite.yaml and scim-check.yaml already exist');
    expect(readFileSync(join(cwd, 'my-suite.yaml'), 'utf8')).toBe('# mine\n');
  });
});

describe('flags', () => {
  it('-v alone prints the version; after a command it is refused with the right hint', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = await runCli(['-v']);
    expect(v.stdout).toBe(`${version}\n`);
    expect(v.exitCode).toBe(0);
    const bad = await runCli(['run', '-v']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('use --verbose to print each exchange, or `scim-check --version` for the version');
  });

  it('--var sets a key of a suite variable, and a built-in suite id runs beside a file', async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, 'mine.yaml'), 'id: mine\ntitle: Mine\nvars: { tenant: acme }\nsteps:\n  - { id: a, title: A, request: { method: GET, path: "/Users/{{ tenant }}-{{ extra }}" } }\n');
    const r = await runCli(
      ['run', 'users.create', 'mine.yaml', '--dry-run', '--base-url', 'http://127.0.0.1:9/scim/v2', '--var', 'user.userName=custom-{{ run.id }}@example.com', '--var', 'tenant=globex', '--var', 'extra=1'],
      { cwd },
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Create Users (users.create)');
    expect(r.stdout).toMatch(/filter=userName%20eq%20%22custom-[0-9a-f]{8}%40example\.com%22/);
    expect(r.stdout).toContain('GET http://127.0.0.1:9/scim/v2/Users/globex-1');
    const unknown = await runCli(['run', 'users.craete', '--dry-run', '--base-url', 'http://127.0.0.1:9/scim/v2'], { cwd });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('did you mean "users.create"?');
    const badVar = await runCli(['run', 'users.create', '--dry-run', '--base-url', 'http://127.0.0.1:9/scim/v2', '--var', 'nothing.here=1'], { cwd });
    expect(badVar.exitCode).toBe(2);
    expect(badVar.stderr).toContain('--var nothing.here');
  });

  it('reads scim-check.yml like scim-check.yaml, and refuses both at once', async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, 'scim-check.yml'), 'profile: postman\n');
    const listed = await runCli(['list'], { cwd });
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toMatch(/^Profile postman:/);
    writeFileSync(join(cwd, 'scim-check.yaml'), 'profile: okta\n');
    const both = await runCli(['list'], { cwd });
    expect(both.exitCode).toBe(3);
    expect(both.stderr).toContain('both scim-check.yaml and scim-check.yml');
    expect(existsSync(join(cwd, 'scim-check.yml'))).toBe(true);
  });
});
