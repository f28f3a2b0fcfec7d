// A failing run of every built-in suite with every reporter at once (json on stdout, so pretty moves to stderr; json,
// junit, github, har and html to files; the GitHub job summary), once per auth mode: the secret appears in none of it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import type { RunningServer, ServerOptions } from '../../src/server/index.js';
import { ROOT, runCli } from '../support/run-cli.js';

/** The literal passwords the built-in suites send (Okta's placeholders): redacted like any `password` value. */
const SUITE_PASSWORDS = [
  ...new Set(
    readdirSync(join(ROOT, 'suites/okta'))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => [...readFileSync(join(ROOT, 'suites/okta', f), 'utf8').matchAll(/^\s+password: '?([A-Za-z0-9]{6,})'?\s*$/gm)].map((m) => m[1]!)),
  ),
];

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The forms a secret could leak in: as is, JSON-escaped, percent-encoded, base64 (Basic auth). */
function leakForms(secret: string, user?: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  if (user !== undefined) forms.push(Buffer.from(`${user}:${secret}`).toString('base64'));
  return forms;
}

interface AuthCase {
  name: string;
  secret: string;
  user?: string;
  server: ServerOptions;
  env: Record<string, string>;
  args: string[];
}

// Distinctive values: none of them can occur in a report by chance.
const CASES: AuthCase[] = [
  { name: 'bearer token from SCIM_TOKEN', secret: 'Zq7-bearer-SECRET-41d9c2', server: { token: 'Zq7-bearer-SECRET-41d9c2' }, env: { SCIM_TOKEN: 'Zq7-bearer-SECRET-41d9c2' }, args: [] },
  {
    name: 'verbatim Authorization from SCIM_AUTH_HEADER',
    secret: 'Zq7-header-SECRET-8e03aa',
    server: { token: 'Zq7-header-SECRET-8e03aa', quirks: [parseQuirk('token-without-bearer')] },
    env: { SCIM_AUTH_HEADER: 'Zq7-header-SECRET-8e03aa' },
    args: [],
  },
  // The reference server speaks no Basic auth, so every request is refused: a failing run (--keep-going past the first cause) that still sends the password.
  { name: 'basic from SCIM_BASIC_USER + SCIM_PASSWORD', secret: 'Zq7-basic-SECRET-0b77f1', user: 'okta-basic', server: { token: 'unused-token-1' }, env: { SCIM_BASIC_USER: 'okta-basic', SCIM_PASSWORD: 'Zq7-basic-SECRET-0b77f1' }, args: ['--keep-going'] },
  {
    name: 'x-api-key with --header (Postman emulation)',
    secret: 'PMAK-Zq7-apikey-SECRET-5c11e0',
    server: { token: 'PMAK-Zq7-apikey-SECRET-5c11e0', emulate: 'postman' },
    env: {},
    args: ['--profile', 'postman', '--header', 'x-api-key: PMAK-Zq7-apikey-SECRET-5c11e0'],
  },
];

describe('no secret in any output or artefact of a failing run', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      server = await startServer({ port: 0, ...c.server, quirks: [...(c.server.quirks ?? []), parseQuirk('duplicate-create-201')] });
      const dir = mkdtempSync(join(tmpdir(), 'scim-check-secrets-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const r = await runCli(
        [
          'run',
          '--base-url', server.baseUrl,
          ...c.args,
          '--reporter', 'json',
          '--reporter', `json=${dir}/report.json`,
          '--reporter', `junit=${dir}/junit.xml`,
          '--reporter', `github=${dir}/github.txt`,
          '--reporter', `har=${dir}/run.har`,
          '--reporter', `html=${dir}/report.html`,
        ],
        { env: { ...c.env, GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } },
      );
      // A failing run that produced every artefact: the check below is not vacuous.
      expect(r.exitCode, r.stderr).not.toBe(0);
      expect(r.stderr).toContain('Steps: ');
      expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
      const artefacts = files(dir);
      expect(artefacts.map((p) => p.slice(dir.length + 1)).sort()).toEqual(['github.txt', 'junit.xml', 'report.html', 'report.json', 'run.har', 'summary.md']);
      const har = JSON.parse(readFileSync(join(dir, 'run.har'), 'utf8')) as { log: { entries: unknown[] } };
      expect(har.log.entries.length).toBeGreaterThan(10);
      expect(server.received.length).toBeGreaterThan(10);
      expect(SUITE_PASSWORDS.length).toBeGreaterThan(0);

      const outputs: Array<[string, string]> = [['stdout', r.stdout], ['stderr', r.stderr], ...artefacts.map((p): [string, string] => [p, readFileSync(p, 'utf8')])];
      for (const [where, text] of outputs) {
        for (const form of leakForms(c.secret, c.user)) expect(text.includes(form), `${form} found in ${where}`).toBe(false);
        for (const password of SUITE_PASSWORDS) expect(text.includes(password), `suite password ${password} found in ${where}`).toBe(false);
      }
      // The credential was really sent (so redaction, not absence, is what kept it out).
      expect(server.received.some((req) => Object.values(req.headers).some((v) => leakForms(c.secret, c.user).some((f) => v.includes(f))))).toBe(true);
    });
  }
});
