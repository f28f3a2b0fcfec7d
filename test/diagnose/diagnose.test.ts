// `scim-check diagnose` over real loopback sockets: each case names the rung that fails and the cause.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/cli/commands/diagnose.js';
import type { DiagnoseReport, RungName } from '../../src/diagnose/types.js';
import { createUndiciTransport } from '../../src/http/undici-transport.js';
import type { AuthConfig, Target } from '../../src/http/types.js';
import { LIST_BODY, freePort, startRaw, makeCerts, scimHandler, startHttp, startHttps, type Handler, type Running, type TestCerts } from './support/servers.js';

const TOKEN = 'tok-3f9a1c77e2b54d0c';

function target(baseUrl: string, auth: AuthConfig = { kind: 'bearer', token: TOKEN }, extra: Partial<Target> = {}): Target {
  return { baseUrl, auth, headers: {}, tls: { verify: true }, timeoutMs: 5_000, maxResponseBytes: 1 << 20, ...extra };
}

interface Outcome {
  exitCode: number;
  report: DiagnoseReport;
  out: string;
  err: string;
}

async function run(t: Target, options: { json?: boolean; harFile?: string } = {}): Promise<Outcome> {
  let out = '';
  let err = '';
  const { exitCode, report } = await diagnose(
    { target: t, json: options.json === true, ...(options.harFile ? { harFile: options.harFile } : {}) },
    { stdout: (s) => (out += s), stderr: (s) => (err += s), transportFactory: (x) => createUndiciTransport(x), color: false },
  );
  return { exitCode, report, out, err };
}

function rung(report: DiagnoseReport, name: RungName) {
  const found = report.rungs.find((r) => r.rung === name);
  if (!found) throw new Error(`no rung ${name}`);
  return found;
}

const servers: Running[] = [];
async function serve(handler: Handler): Promise<Running> {
  const s = await startHttp(handler);
  servers.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const bearerOnly = scimHandler({ accept: (a) => a === `Bearer ${TOKEN}` });

describe('a healthy server', () => {
  it('passes every rung that matters, with loopback http and addresses only warned about', async () => {
    const s = await serve(bearerOnly);
    const { exitCode, report, out } = await run(target(`${s.origin}/scim/v2`));
    expect(exitCode).toBe(0);
    expect(report.firstFailure).toBeNull();
    expect(rung(report, 'url').status).toBe('warn');
    expect(rung(report, 'url').evidence.join(' ')).toMatch(/local testing works/);
    expect(rung(report, 'dns').status).toBe('warn');
    expect(rung(report, 'tcp').status).toBe('pass');
    expect(rung(report, 'tls').status).toBe('skip');
    expect(rung(report, 'http').status).toBe('pass');
    expect(rung(report, 'auth').status).toBe('pass');
    expect(rung(report, 'scim-shape').status).toBe('pass');
    expect(report.okta.passes).toBe(true);
    expect(out).toMatch(/✓ Verdict: Okta's Test API Credentials would pass/);
    expect(out).not.toContain(TOKEN);
  });
});

describe('Auth rung', () => {
  it('wrong token: refused in every form, Okta shows "Unauthorized" (observed wording)', async () => {
    const s = await serve(bearerOnly);
    const { exitCode, report, out } = await run(target(`${s.origin}/scim/v2`, { kind: 'bearer', token: 'not-the-token-123' }));
    expect(exitCode).toBe(1);
    expect(report.firstFailure).toBe('auth');
    expect(rung(report, 'auth').summary).toMatch(/every form tried/);
    expect(rung(report, 'auth').cause).toMatch(/revoked or expired/);
    expect(report.okta.message).toMatch(/^Error authenticating: Unauthorized\. The connector configuration could not be tested/);
    expect(report.okta.wording).toBe('observed');
    expect(out).toContain('Okta would show: "Error authenticating: Unauthorized.');
    expect(out).not.toContain('not-the-token-123');
  });

  it('Header Auth app without "Bearer ": names the missing prefix and what to type', async () => {
    const s = await serve(bearerOnly);
    const { report } = await run(target(`${s.origin}/scim/v2`, { kind: 'header', value: TOKEN }));
    const auth = rung(report, 'auth');
    expect(report.firstFailure).toBe('auth');
    expect(auth.cause).toMatch(/"Bearer " prefix is missing/);
    expect(auth.fix).toMatch(/Header Auth\) type "Bearer <token>"/);
    expect(report.authVariants?.find((v) => v.id === 'bearer')?.status).toBe(200);
    // The list answer of the working form is still checked, labelled as such.
    expect(rung(report, 'scim-shape').status).toBe('pass');
    expect(rung(report, 'scim-shape').probe).toMatch(/credential form that worked/);
  });

  it('AIW app with "Bearer" typed in again: names the doubled Bearer', async () => {
    const s = await serve(bearerOnly);
    const { report } = await run(target(`${s.origin}/scim/v2`, { kind: 'bearer', token: `Bearer ${TOKEN}` }));
    expect(rung(report, 'auth').cause).toMatch(/"Bearer" is doubled/);
    expect(rung(report, 'auth').summary).toContain('Authorization: Bearer Bearer <token> is refused');
  });

  it('server wants the bare token: says AIW and OAuth Bearer apps cannot work, Header Auth can', async () => {
    const s = await serve(scimHandler({ accept: (a) => a === TOKEN }));
    const { report } = await run(target(`${s.origin}/scim/v2`));
    const auth = rung(report, 'auth');
    expect(auth.cause).toMatch(/wants the bare token/);
    expect(auth.fix).toMatch(/type only "<token>", without "Bearer"/);
  });

  it('server reads only x-api-key: says Okta cannot send it', async () => {
    const s = await serve(scimHandler({ accept: (_a, req) => req.headers['x-api-key'] === TOKEN }));
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(report.authVariants?.find((v) => v.id === 'x-api-key')?.status).toBe(200);
    expect(rung(report, 'auth').fix).toMatch(/cannot send/);
  });

  it('Basic credentials are tried when given', async () => {
    const basic = `Basic ${Buffer.from('svc:pa55word-x').toString('base64')}`;
    const s = await serve(scimHandler({ accept: (a) => a === basic }));
    const { exitCode, report } = await run(target(`${s.origin}/scim/v2`, { kind: 'basic', username: 'svc', password: 'pa55word-x' }));
    expect(exitCode).toBe(0);
    expect(rung(report, 'auth').status).toBe('pass');
  });

  it('a server that lists users without credentials is a security finding', async () => {
    const s = await serve(scimHandler({ accept: () => true }));
    const { exitCode, report } = await run(target(`${s.origin}/scim/v2`));
    expect(exitCode).toBe(0);
    expect(rung(report, 'auth').status).toBe('warn');
    expect(rung(report, 'auth').cause).toMatch(/Security finding/);
  });
});

describe('URL rung: path prefix mismatch', () => {
  it('base URL without /scim/v2: suggests the corrected base URL', async () => {
    const s = await serve(bearerOnly);
    const { exitCode, report } = await run(target(s.origin));
    expect(exitCode).toBe(1);
    expect(report.firstFailure).toBe('url');
    expect(report.suggestedBaseUrl).toBe(`${s.origin}/scim/v2`);
    expect(rung(report, 'url').fix).toContain(`Set the base URL in Okta to ${s.origin}/scim/v2`);
    expect(report.okta.message).toMatch(/^Error authenticating: Not Found\./);
    // Further down, the ladder goes on at the suggested base, labelled.
    expect(rung(report, 'auth').status).toBe('pass');
    expect(rung(report, 'auth').probe).toMatch(/suggested base URL/);
  });

  it('base URL ending in /Users: says Okta appends it and suggests the trimmed base', async () => {
    const s = await serve(bearerOnly);
    const { report } = await run(target(`${s.origin}/scim/v2/Users`));
    expect(report.firstFailure).toBe('url');
    expect(rung(report, 'url').cause).toMatch(/appends \/Users/);
    expect(report.suggestedBaseUrl).toBe(`${s.origin}/scim/v2`);
  });

  it('an underscore in the host and a query string fail the URL rung', async () => {
    const s = await serve(bearerOnly);
    const { report } = await run(target(`${s.origin}/scim/v2?tenant=${TOKEN}`));
    expect(rung(report, 'url').status).toBe('fail');
    expect(rung(report, 'url').cause).toMatch(/query or fragment/);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    const bad = await run(target('https://my_host.invalid/scim/v2'));
    expect(rung(bad.report, 'url').cause).toMatch(/underscore/);
  });
});

describe('HTTP rung', () => {
  it('a redirect: Okta does not follow it; the target is suggested', async () => {
    const s = await serve((req, res) => {
      if (req.url?.startsWith('/old/Users')) {
        res.writeHead(301, { location: '/scim/v2/Users?startIndex=1&count=2' });
        return void res.end();
      }
      bearerOnly(req, res);
    });
    const { report } = await run(target(`${s.origin}/old`));
    expect(report.firstFailure).toBe('http');
    expect(rung(report, 'http').cause).toMatch(/does not follow redirects/);
    expect(rung(report, 'http').fix).toContain(`${s.origin}/scim/v2`);
    expect(report.suggestedBaseUrl).toBe(`${s.origin}/scim/v2`);
  });

  it('an HTML 502 from a proxy: the proxy answered, not the SCIM server', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', server: 'nginx' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(report.firstFailure).toBe('http');
    expect(rung(report, 'http').summary).toMatch(/nginx answered, not the SCIM API/);
    expect(report.okta.message).toMatch(/^Error authenticating: Bad Gateway\./);
  });

  it("a CDN's plain-text 502: names the Invalid JSON token Okta would show", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain', 'cf-ray': '8a1b2c3d4e5f-AMS' });
      res.end('error code: 502');
    });
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(rung(report, 'http').summary).toMatch(/Cloudflare answered/);
    expect(rung(report, 'http').cause).toMatch(/Unrecognized token 'error'/);
  });

  it('a status line without a reason phrase: Okta shows "null"', async () => {
    const s = await startRaw('HTTP/1.1 401 \r\ncontent-type: application/scim+json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}');
    servers.push(s);
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(rung(report, 'http').status).toBe('warn');
    expect(rung(report, 'http').cause).toMatch(/no reason phrase/);
    expect(report.okta.message).toMatch(/^Error authenticating: null\./);
  });
});

describe('SCIM shape rung', () => {
  it('counts sent as strings: Test API Credentials passes, but the rung warns about later failures', async () => {
    const body = JSON.parse(LIST_BODY) as Record<string, unknown>;
    const s = await serve(scimHandler({ accept: (a) => a === `Bearer ${TOKEN}`, listBody: JSON.stringify({ ...body, totalResults: '1', startIndex: '1' }) }));
    const { exitCode, report } = await run(target(`${s.origin}/scim/v2`));
    expect(exitCode).toBe(0);
    const shape = rung(report, 'scim-shape');
    expect(shape.status).toBe('warn');
    expect(shape.cause).toMatch(/totalResults is string "1".*Sync user in external application: FAILURE/);
  });

  it('a 401 without a SCIM Error body is a warning', async () => {
    const s = await serve(scimHandler({ accept: (a) => a === `Bearer ${TOKEN}`, noErrorBody: true }));
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(rung(report, 'scim-shape').status).toBe('warn');
    expect(rung(report, 'scim-shape').cause).toMatch(/no SCIM Error body/);
  });
});

describe('lower rungs', () => {
  it('a refused port fails the TCP rung with its own advice', async () => {
    const port = await freePort();
    const { exitCode, report } = await run(target(`http://127.0.0.1:${port}/scim/v2`));
    expect(exitCode).toBe(1);
    expect(report.firstFailure).toBe('tcp');
    expect(rung(report, 'tcp').summary).toMatch(/connection refused/);
    expect(rung(report, 'tcp').cause).toMatch(/nothing listens on port/);
    expect(rung(report, 'http').status).toBe('skip');
    expect(report.okta.message).toContain(`Connect to 127.0.0.1:${port}`);
  });

  it('a name under .invalid fails the DNS rung', async () => {
    const { report } = await run(target('https://scim.example.invalid/scim/v2'));
    expect(report.firstFailure).toBe('dns');
    expect(rung(report, 'dns').summary).toMatch(/no address found for scim\.example\.invalid/);
    expect(rung(report, 'dns').cause).toMatch(/does not exist in public DNS/);
  });
});

describe('TLS rung', () => {
  let certs: TestCerts;
  beforeAll(() => {
    certs = makeCerts();
  });
  afterAll(() => certs.cleanup());

  async function https(cert: { key: string; cert: string }): Promise<Running> {
    const s = await startHttps(bearerOnly, cert);
    servers.push(s);
    return s;
  }

  it('a self-signed certificate is named; the server is still probed with verification off, labelled', async () => {
    const s = await https(certs.selfSigned);
    const { exitCode, report } = await run(target(`${s.origin}/scim/v2`));
    expect(exitCode).toBe(1);
    expect(report.firstFailure).toBe('tls');
    expect(rung(report, 'tls').summary).toMatch(/self-signed/);
    expect(rung(report, 'http').probe).toMatch(/TLS verification off/);
    expect(rung(report, 'auth').status).toBe('pass');
    expect(report.okta.message).toMatch(/PKIX path building failed/);
  });

  it('an expired certificate is named as expired', async () => {
    const s = await https(certs.expired);
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(report.firstFailure).toBe('tls');
    expect(rung(report, 'tls').summary).toMatch(/expired/);
    expect(rung(report, 'tls').evidence.join(' ')).toMatch(/expired .* ago/);
  });

  it('a certificate for another host is named with both names', async () => {
    const s = await https(certs.wrongHost);
    const { report } = await run(target(`${s.origin}/scim/v2`));
    expect(rung(report, 'tls').summary).toMatch(/the certificate is for DNS:other\.example, not 127\.0\.0\.1/);
  });
});

describe('output', () => {
  it('--json is versioned and --har holds every exchange; no secret anywhere', async () => {
    const s = await serve(bearerOnly);
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-har-'));
    try {
      const harFile = join(dir, 'ticket.har');
      const { out, err } = await run(target(`${s.origin}/scim/v2`, { kind: 'header', value: TOKEN }), { json: true, harFile });
      const json = JSON.parse(out) as DiagnoseReport;
      expect(json.version).toBe(1);
      expect(json.rungs.map((r) => r.rung)).toEqual(['url', 'dns', 'tcp', 'tls', 'http', 'auth', 'scim-shape', 'verdict']);
      const har = readFileSync(harFile, 'utf8');
      const entries = (JSON.parse(har) as { log: { entries: unknown[] } }).log.entries;
      expect(entries.length).toBeGreaterThanOrEqual(3);
      for (const text of [out, err, har]) expect(text).not.toContain(TOKEN);
      expect(err).toMatch(/HAR with \d+ exchange\(s\) written/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
