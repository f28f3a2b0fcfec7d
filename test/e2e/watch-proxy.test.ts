// The proxy itself: an Okta-like client (raw node:http, Okta's headers and bodies) talks to `scim-check watch`,
// which must hand the reference server byte-identical requests, relay its answers, refuse requests without the
// configured credential (401), bodies over the limit (413) and absolute-form targets (400) without forwarding
// them, and never write the token anywhere.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { harSchemaErrors } from '../report/support/validate-har.js';
import { runCli } from '../support/run-cli.js';
import { startWatch } from '../watch/start-watch.js';
import type { WatchProcess } from '../watch/start-watch.js';

const TOKEN = 'okta-proxy-token-93c1d5e7f02a';
const dir = mkdtempSync(join(tmpdir(), 'scim-check-watch-proxy-'));
const tokenFile = join(dir, 'token.txt');
writeFileSync(tokenFile, TOKEN);
let server: RunningServer;
let watch: WatchProcess;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends raw headers (names as written, in order) the way Okta's client does. */
function send(url: string, method: string, path: string, headers: Array<[string, string]>, body?: string): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    // An object keeps the names as written, in order (node:http sends them as given).
    const named: Record<string, string> = Object.fromEntries(headers);
    if (body !== undefined) named['Content-Length'] = String(Buffer.byteLength(body));
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers: named }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const OKTA: Array<[string, string]> = [
  ['User-Agent', 'Okta SCIM Client 1.0.0'],
  ['Accept', 'application/scim+json'],
  ['Accept-Charset', 'utf-8'],
  ['Accept-Encoding', 'gzip,deflate'],
  ['Authorization', `Bearer ${TOKEN}`],
  ['X-Okta-Trace', 'abc 123'],
];
const WRITE: Array<[string, string]> = [...OKTA, ['Content-Type', 'application/scim+json; charset=utf-8']];

function json(answer: Answer): Record<string, unknown> {
  const raw = answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;
  return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  server = await startServer({ port: 0, token: TOKEN });
  watch = await startWatch(['--target', server.baseUrl, '--expect-token-file', tokenFile, '--max-request-bytes', '4096', '--har', join(dir, 'session.har'), '--reporter', `html=${join(dir, 'session.html')}`]);
}, 120_000);

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('watch proxy', () => {
  it('forwards Okta\'s requests byte for byte, refuses strangers, and ends with the run exit code', async () => {
    const user = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ana.k@example.com","name":{"givenName":"Ana","familyName":"K"},"emails":[{"primary":true,"value":"ana.k@example.com","type":"work"}],"displayName":"Ana K","externalId":"00u1ana","groups":[],"password":"Pq7xY2wz","active":true}';
    const sent: Array<{ method: string; path: string; headers: Array<[string, string]>; body?: string }> = [
      { method: 'GET', path: '/scim/v2/Users?startIndex=1&count=2', headers: OKTA },
      { method: 'GET', path: '/scim/v2/Users?filter=userName+eq+%22ana.k%40example.com%22&startIndex=1&count=100', headers: OKTA },
      { method: 'POST', path: '/scim/v2/Users', headers: WRITE, body: user },
    ];
    const answers: Answer[] = [];
    for (const r of sent) answers.push(await send(watch.url, r.method, r.path, r.headers, r.body));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 201]);
    const id = String(json(answers[2] as Answer)['id']);
    // Okta's base URL may also be the tunnel's root: the path is re-rooted under the target's base path.
    const patch = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}';
    sent.push({ method: 'PATCH', path: `/Users/${id}`, headers: WRITE, body: patch });
    answers.push(await send(watch.url, 'PATCH', `/Users/${id}`, WRITE, patch));
    expect(answers[3]?.status).toBe(200);
    expect(json(answers[3] as Answer)['active']).toBe(false);

    expect(server.received).toHaveLength(4);
    for (const [i, r] of sent.entries()) {
      const got = server.received[i];
      const [path, query = ''] = r.path.split('?');
      expect(got?.method).toBe(r.method);
      expect(got?.path).toBe(path?.startsWith('/scim/v2') === true ? path : `/scim/v2${path ?? ''}`);
      expect(got?.rawQuery).toBe(query);
      expect(got?.body).toBe(r.body ?? '');
      const forwarded = Object.fromEntries(Object.entries(got?.headers ?? {}).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)));
      expect(forwarded).toEqual(Object.fromEntries(r.headers.map(([k, v]) => [k.toLowerCase(), v])));
    }

    // Refused, and never forwarded: no credential, a wrong one, a body over the limit, an absolute-form target.
    const noAuth = await send(watch.url, 'GET', '/scim/v2/Users?startIndex=1&count=2', OKTA.filter(([k]) => k !== 'Authorization'));
    const wrong = await send(watch.url, 'GET', '/scim/v2/Users?startIndex=1&count=2', [...OKTA.filter(([k]) => k !== 'Authorization'), ['Authorization', `Bearer ${TOKEN}x`]]);
    const big = await send(watch.url, 'POST', '/scim/v2/Users', WRITE, user.replace('"Ana K"', `"${'A'.repeat(5000)}"`));
    const absolute = await send(watch.url, 'GET', `${server.baseUrl}/Users`, OKTA);
    expect([noAuth.status, wrong.status, big.status, absolute.status]).toEqual([401, 401, 413, 400]);
    expect(noAuth.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(noAuth.body.toString('utf8'))).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect(server.received).toHaveLength(4);

    const result = await watch.stop();
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/#1 Test API Credentials › users {2}GET \/Users\?startIndex=1&count=2 {2}200 .*✓ passed/);
    expect(result.stdout).toMatch(/#3 Create Users › create {2}POST \/Users {2}201 .*✓ passed/);
    expect(result.stdout).toMatch(/#4 Deactivate Users › deactivate {2}PATCH \/Users\/\S+ {2}200 .*✓ passed/);
    expect(result.stdout).toMatch(/refused 401 {2}GET \/scim\/v2\/Users/);
    expect(result.stdout).toMatch(/4 inbound request\(s\) were refused/);
    const har = readFileSync(join(dir, 'session.har'), 'utf8');
    expect((JSON.parse(har) as { log: { entries: unknown[] } }).log.entries).toHaveLength(4);
    expect(har).toContain('Bearer [REDACTED]');
    expect(harSchemaErrors(JSON.parse(har))).toEqual([]);
    const html = readFileSync(join(dir, 'session.html'), 'utf8');
    expect(html).toContain('Create Users');
    for (const text of [result.stdout, result.stderr, har, html]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('Pq7xY2wz');
    }
  }, 180_000);
});

describe('watch and replay edges', () => {
  it('answers 502 when the target is unreachable and exits 4, like run', async () => {
    const down = await startWatch(['--target', 'http://127.0.0.1:1/scim/v2', '--expect-token-file', tokenFile, '--timeout', '3000']);
    const answer = await send(down.url, 'GET', '/scim/v2/Users?startIndex=1&count=2', OKTA);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ status: '502' });
    const result = await down.stop();
    expect(result.exitCode, result.stderr).toBe(4);
    expect(result.stdout).toMatch(/#1 Test API Credentials › users {2}GET \/Users\?startIndex=1&count=2 {2}--- .*✗ errored/);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  }, 180_000);

  it('refuses to start without --expect-token-file (2) and to replay a file that is not a HAR (3)', async () => {
    const noToken = await runCli(['watch', '--target', 'http://127.0.0.1:9/scim/v2', '--port', '0']);
    expect(noToken.exitCode).toBe(2);
    expect(noToken.stderr).toMatch(/--expect-token-file/);
    const notHar = join(dir, 'not.har');
    writeFileSync(notHar, '{"hello": 1}');
    const replay = await runCli(['replay', notHar, '--base-url', 'http://127.0.0.1:9/scim/v2']);
    expect(replay.exitCode).toBe(3);
    expect(replay.stderr).toMatch(/not\.har: no log\.entries array/);
    expect(replay.stderr).not.toMatch(/\n\s+at /);
  }, 180_000);
});
