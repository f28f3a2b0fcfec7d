// `diagnose` against the embedded reference server and its misbehaviour switches (quirks), over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/cli/commands/diagnose.js';
import type { DiagnoseReport, RungName } from '../../src/diagnose/types.js';
import { createUndiciTransport } from '../../src/http/undici-transport.js';
import type { AuthConfig, Target } from '../../src/http/types.js';
import { parseQuirk, startServer, type RunningServer } from '../../src/server/index.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(quirks: string[] = []): Promise<RunningServer> {
  server = await startServer({ port: 0, quirks: quirks.map((q) => parseQuirk(q)), seedUsers: 3 });
  return server;
}

async function run(baseUrl: string, auth: AuthConfig): Promise<{ report: DiagnoseReport; out: string }> {
  const target: Target = { baseUrl, auth, headers: {}, tls: { verify: true }, timeoutMs: 5_000, maxResponseBytes: 1 << 20 };
  let out = '';
  const { report } = await diagnose(
    { target, json: false },
    { stdout: (s) => (out += s), stderr: () => undefined, transportFactory: (t) => createUndiciTransport(t), color: false },
  );
  return { report, out };
}

function rung(report: DiagnoseReport, name: RungName) {
  const found = report.rungs.find((r) => r.rung === name);
  if (!found) throw new Error(`no rung ${name}`);
  return found;
}

describe('diagnose against the reference server', () => {
  it('passes with the right token; the token never appears in the output', async () => {
    const s = await start();
    const { report, out } = await run(s.baseUrl, { kind: 'bearer', token: s.token });
    expect(report.exitCode).toBe(0);
    expect(report.firstFailure).toBeNull();
    expect(rung(report, 'auth').status).toBe('pass');
    expect(rung(report, 'scim-shape').status).toBe('pass');
    expect(out).not.toContain(s.token);
  });

  it('token-without-bearer: the bare token works, and the advice names the Header Auth app', async () => {
    const s = await start(['token-without-bearer']);
    const { report, out } = await run(s.baseUrl, { kind: 'bearer', token: s.token });
    expect(report.firstFailure).toBe('auth');
    expect(report.authVariants?.find((v) => v.id === 'raw')?.status).toBe(200);
    expect(rung(report, 'auth').cause).toMatch(/wants the bare token/);
    expect(rung(report, 'auth').fix).toMatch(/Header Auth\) type only "<token>"/);
    expect(report.okta.message).toMatch(/^Error authenticating: Unauthorized\./);
    expect(out).not.toContain(s.token);
  });

  it('html-errors: an HTML 404 at a wrong base URL, and the corrected base URL suggested', async () => {
    const s = await start(['html-errors']);
    const { report } = await run(s.url, { kind: 'bearer', token: s.token });
    expect(report.firstFailure).toBe('url');
    expect(report.suggestedBaseUrl).toBe(s.baseUrl);
  });

  it('cdn-502: a CDN answered, with the token Okta would choke on', async () => {
    const s = await start(['cdn-502']);
    const { report } = await run(s.baseUrl, { kind: 'bearer', token: s.token });
    expect(report.firstFailure).toBe('http');
    expect(rung(report, 'http').cause).toMatch(/Unrecognized token 'error'/);
    expect(report.okta.passes).toBe(false);
  });

  it('string-counts: Test API Credentials passes but the shape rung warns', async () => {
    const s = await start(['string-counts']);
    const { report } = await run(s.baseUrl, { kind: 'bearer', token: s.token });
    expect(report.exitCode).toBe(0);
    expect(rung(report, 'scim-shape').status).toBe('warn');
    expect(rung(report, 'scim-shape').cause).toMatch(/not an integer/);
  });

  it('unauthorized-no-body: the 401 without a SCIM Error body is named', async () => {
    const s = await start(['unauthorized-no-body']);
    const { report } = await run(s.baseUrl, { kind: 'bearer', token: s.token });
    expect(rung(report, 'scim-shape').status).toBe('warn');
    expect(rung(report, 'scim-shape').cause).toMatch(/no SCIM Error body/);
  });

  it('path prefix: base URL with /Users appended', async () => {
    const s = await start();
    const { report } = await run(`${s.baseUrl}/Users`, { kind: 'header', value: `Bearer ${s.token}` });
    expect(report.firstFailure).toBe('url');
    expect(report.suggestedBaseUrl).toBe(s.baseUrl);
    expect(rung(report, 'url').cause).toMatch(/appends \/Users/);
  });
});
