import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/http-error.js';
import { createUndiciTransport } from '../../src/http/undici-transport.js';
import type { UndiciTransport } from '../../src/http/undici-transport.js';
import type { AuthConfig, Target } from '../../src/http/types.js';
import { closedPort, httpServer, httpsServer, makeCerts, rawServer } from './loopback.js';
import type { CertKit, Loopback } from './loopback.js';

const TOKEN = 'tok-SECRET-0123456789';
const API_KEY = 'key-SECRET-abcdef';

function target(baseUrl: string, overrides: Partial<Target> = {}): Target {
  return {
    baseUrl,
    auth: { kind: 'bearer', token: TOKEN },
    headers: { 'x-api-key': API_KEY },
    tls: { verify: true },
    timeoutMs: 10_000,
    maxResponseBytes: 1024 * 1024,
    ...overrides,
  };
}

const open: Array<Loopback | UndiciTransport> = [];
function track<T extends Loopback | UndiciTransport>(thing: T): T {
  open.push(thing);
  return thing;
}
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** Runs the request, expects an HttpError, and checks no secret leaked into it anywhere. */
async function failure(t: Target, url: string, headers: Record<string, string> = {}): Promise<HttpError> {
  const { transport } = track(createUndiciTransport(t));
  const err = await transport({ method: 'GET', url, headers }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  const httpError = err as HttpError;
  for (const text of [httpError.message, httpError.detail, httpError.hint ?? '', JSON.stringify(httpError)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(API_KEY);
  }
  expect(httpError.exitCode).toBe(4);
  expect(httpError.code).toBe(`target.${httpError.kind}`);
  return httpError;
}

describe('undici transport over loopback', () => {
  it('decodes gzip, deflate (zlib and raw) and br bodies and parses JSON whatever the content type', async () => {
    const payload = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0 });
    const encoders: Record<string, (b: Buffer) => Buffer> = {
      gzip: gzipSync,
      deflate: deflateSync,
      'raw-deflate': deflateRawSync,
      br: brotliCompressSync,
    };
    const server = track(
      await httpServer((req, res) => {
        const name = (req.url ?? '').slice(1);
        const encode = encoders[name];
        if (encode === undefined) throw new Error(name);
        res.writeHead(200, {
          'content-type': 'text/json;charset=UTF-8',
          'content-encoding': name === 'raw-deflate' ? 'deflate' : name,
          'x-accept-encoding': req.headers['accept-encoding'] ?? '',
        });
        res.end(encode(Buffer.from(payload)));
      }),
    );
    const { transport } = track(createUndiciTransport(target(server.url)));
    for (const name of Object.keys(encoders)) {
      const exchange = await transport({ method: 'GET', url: `${server.url}/${name}`, headers: { 'Accept-Encoding': 'gzip,deflate' } });
      expect(exchange.response.body, name).toBe(payload);
      expect(exchange.response.json, name).toEqual(JSON.parse(payload));
      expect(exchange.response.bodySize, name).toBe(encoders[name]?.(Buffer.from(payload)).length);
      expect(exchange.response.headers['x-accept-encoding']).toBe('gzip,deflate');
    }
  });

  it('decodes a large gzip body too (inflated off the event loop)', async () => {
    // Random hex does not compress well, so the wire size stays above the synchronous-inflate threshold.
    const text = JSON.stringify({ blob: randomBytes(300 * 1024).toString('hex') });
    const wire = gzipSync(Buffer.from(text));
    expect(wire.length).toBeGreaterThan(256 * 1024);
    const server = track(
      await httpServer((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(wire);
      }),
    );
    const { transport } = track(createUndiciTransport(target(server.url, { maxResponseBytes: 2 * 1024 * 1024 })));
    const exchange = await transport({ method: 'GET', url: `${server.url}/big`, headers: {} });
    expect(exchange.response.body).toBe(text);
    expect(exchange.response.bodySize).toBe(wire.length);
  });

  it('reuses keep-alive connections across requests', async () => {
    const server = track(await httpServer((_req, res) => res.end('{}')));
    const { transport } = track(createUndiciTransport(target(server.url)));
    // undici's pool may open a second socket before the first is marked idle; it never opens one per request.
    for (let i = 0; i < 6; i++) await transport({ method: 'GET', url: `${server.url}/Users`, headers: {} });
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('captures the reason phrase as sent, and "" when there is none', async () => {
    const server = track(
      await rawServer((socket) => {
        socket.once('data', (chunk: Buffer) => {
          const reason = chunk.toString('latin1').startsWith('GET /none') ? '' : ' Fine';
          socket.end(`HTTP/1.1 200${reason}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
        });
      }),
    );
    const { transport } = track(createUndiciTransport(target(server.url)));
    const fine = await transport({ method: 'GET', url: `${server.url}/fine`, headers: {} });
    expect(fine.response.status).toBe(200);
    expect(fine.response.statusText).toBe('Fine');
    expect(fine.response.httpVersion).toBe('1.1');
    const none = await transport({ method: 'GET', url: `${server.url}/none`, headers: {} });
    expect(none.response.statusText).toBe('');
  });

  describe('headers that reach the server', () => {
    let seen: Array<Record<string, string | string[] | undefined>> = [];
    let server: Loopback;
    beforeAll(async () => {
      server = await httpServer((req, res, body) => {
        seen.push({ ...req.headers, 'x-seen-body': body });
        res.setHeader('set-cookie', ['a=1; HttpOnly', 'b=2']);
        // A server that echoes credentials back in an error: the exchange must not carry them out.
        res.writeHead(401, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify({ detail: `bad token: ${String(req.headers.authorization)} ${String(req.headers['x-api-key'])}`, password: 'pw-echo-1' }));
      });
    });
    afterAll(async () => server.close());
    afterEach(() => {
      seen = [];
    });

    const modes: Array<[string, AuthConfig, string | undefined]> = [
      ['none', { kind: 'none' }, undefined],
      ['bearer', { kind: 'bearer', token: TOKEN }, `Bearer ${TOKEN}`],
      ['header', { kind: 'header', value: `SSWS ${TOKEN}` }, `SSWS ${TOKEN}`],
      ['basic', { kind: 'basic', username: 'okta', password: TOKEN }, `Basic ${Buffer.from(`okta:${TOKEN}`).toString('base64')}`],
    ];
    it.each(modes)('auth %s arrives as Okta sends it, with the extra headers, and is redacted in the exchange', async (_name, auth, expected) => {
      const { transport } = track(createUndiciTransport(target(server.url, { auth, headers: { 'x-api-key': API_KEY, 'X-Tenant': 'acme' } })));
      const exchange = await transport({
        method: 'POST',
        url: `${server.url}/Users`,
        headers: { 'Content-Type': 'application/scim+json; charset=utf-8', 'User-Agent': 'Okta SCIM Client 1.0.0' },
        body: '{"userName":"jo","password":"1mz050nq"}',
      });
      expect(seen[0]?.['authorization']).toBe(expected);
      expect(seen[0]?.['x-api-key']).toBe(API_KEY);
      expect(seen[0]?.['x-tenant']).toBe('acme');
      expect(seen[0]?.['user-agent']).toBe('Okta SCIM Client 1.0.0');
      expect(seen[0]?.['x-seen-body']).toBe('{"userName":"jo","password":"1mz050nq"}');
      const all = JSON.stringify(exchange);
      expect(all).not.toContain(TOKEN);
      expect(all).not.toContain(API_KEY);
      expect(all).not.toContain('1mz050nq');
      expect(all).not.toContain('pw-echo-1');
      expect(exchange.response.status).toBe(401);
      expect(exchange.response.headers['set-cookie']).toBe('[REDACTED]');
      expect(exchange.request.body).toBe('{"userName":"jo","password":"[REDACTED]"}');
      expect(exchange.timings.total).toBeGreaterThanOrEqual(exchange.timings.wait);
      expect(Number.isNaN(Date.parse(exchange.timings.startedAt))).toBe(false);
    });

    it("a request's own Authorization (any case) replaces the target's; \"\" omits it", async () => {
      const { transport } = track(createUndiciTransport(target(server.url)));
      await transport({ method: 'GET', url: `${server.url}/Users`, headers: { authorization: 'non-token' } });
      await transport({ method: 'GET', url: `${server.url}/Users`, headers: { AUTHORIZATION: '' } });
      await transport({ method: 'GET', url: `${server.url}/Users`, headers: { 'X-Api-Key': '' } });
      expect(seen[0]?.['authorization']).toBe('non-token');
      expect(seen[1]?.['authorization']).toBeUndefined();
      expect(seen[1]?.['x-api-key']).toBe(API_KEY);
      expect(seen[2]?.['x-api-key']).toBeUndefined();
      expect(seen[2]?.['authorization']).toBe(`Bearer ${TOKEN}`);
    });
  });

  it('stops reading a 20 MiB answer at a 1 MiB limit with a too-large error, and the server sees the socket close', async () => {
    let closed: Promise<unknown> = Promise.resolve();
    const server = track(
      await httpServer((_req, res) => {
        closed = once(res, 'close');
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = (): void => {
          while (sent < 20 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
      }),
    );
    const err = await failure(target(server.url, { maxResponseBytes: 1024 * 1024 }), `${server.url}/Users`);
    expect(err.kind).toBe('too-large');
    expect(err.detail).toContain('response body exceeded 1 MiB');
    expect(err.request?.headers['Authorization']).toBe('Bearer [REDACTED]');
    await closed;
  });

  it('holds the decoded size to the limit too (a small gzip of a big body)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, ' '));
    const server = track(
      await httpServer((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(bomb);
      }),
    );
    const err = await failure(target(server.url, { maxResponseBytes: 1024 * 1024 }), `${server.url}/Users`);
    expect(err.kind).toBe('too-large');
  });

  it('times out on a server that never answers', async () => {
    const server = track(await rawServer(() => undefined));
    const err = await failure(target(server.url, { timeoutMs: 300 }), `${server.url}/Users`);
    expect(err.kind).toBe('timeout');
    expect(err.detail).toContain('no complete answer within 300 ms (Okta gives up after 60 s)');
  });

  it('gives up on a body that drips forever (each byte within the idle timeout)', async () => {
    let timer: NodeJS.Timeout | undefined;
    const server = track(
      await httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      }),
    );
    try {
      const err = await failure(target(server.url, { timeoutMs: 300 }), `${server.url}/Users`);
      expect(err.kind).toBe('timeout');
    } finally {
      clearInterval(timer);
    }
  });

  it('reports a refused port', async () => {
    const port = await closedPort();
    const err = await failure(target(`http://127.0.0.1:${port}`), `http://127.0.0.1:${port}/Users`);
    expect(err.kind).toBe('refused');
    expect(err.detail).toContain(`127.0.0.1:${port}`);
  });

  it('reports a name that does not resolve', async () => {
    const err = await failure(target('http://scim.example.invalid'), 'http://scim.example.invalid/scim/v2/Users');
    expect(err.kind).toBe('dns');
    expect(err.detail).toMatch(/^DNS: (no address found for|lookup of) scim\.example\.invalid/);
  });

  it('reports garbage instead of HTTP as not-http', async () => {
    const server = track(await rawServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')));
    const err = await failure(target(server.url), `${server.url}/Users`);
    expect(err.kind).toBe('not-http');
    expect(err.detail).toContain(`127.0.0.1:${server.port} answered with something that is not HTTP/1.1`);
  });

  it('reports a connection closed before any answer as reset', async () => {
    const server = track(await rawServer((socket) => socket.once('data', () => socket.destroy())));
    const err = await failure(target(server.url), `${server.url}/Users`);
    expect(err.kind).toBe('reset');
  });

  it('reports a URL that is not http(s) as invalid-url', async () => {
    const err = await failure(target('ftp://x'), 'ftp://x/Users');
    expect(err.kind).toBe('invalid-url');
  });

  it('reports a cancelled request as aborted', async () => {
    const server = track(await rawServer(() => undefined));
    const { transport } = track(createUndiciTransport(target(server.url)));
    const controller = new AbortController();
    const pending = transport({ method: 'GET', url: `${server.url}/Users`, headers: {} }, controller.signal);
    controller.abort();
    const err = await pending.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).kind).toBe('aborted');
  });

  it('reports a proxy that refuses the tunnel as a proxy error', async () => {
    const proxy = track(
      await rawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n'))),
    );
    const err = await failure(target('http://scim.example.com', { proxy: `http://user:proxy-pw-1@127.0.0.1:${proxy.port}` }), 'http://scim.example.com/Users');
    expect(err.kind).toBe('proxy');
    expect(err.detail).toContain('407');
    expect(JSON.stringify(err)).not.toContain('proxy-pw-1');
  });
});

describe('undici transport over TLS', () => {
  let certs: CertKit;
  beforeAll(() => {
    certs = makeCerts();
  });
  afterAll(() => certs.cleanup());

  it('rejects a self-signed certificate with a plain cause and the --ca/--insecure hint', async () => {
    const server = track(await httpsServer(certs.valid, (_req, res) => res.end('{}')));
    const err = await failure(target(server.url), `${server.url}/Users`);
    expect(err.kind).toBe('tls');
    expect(err.detail).toContain('self-signed certificate');
    expect(err.hint).toBe('pass --ca FILE, or --insecure to check anyway');
  });

  it('passes with verification off, and with --ca set to that certificate', async () => {
    const server = track(await httpsServer(certs.valid, (_req, res) => res.end('{"ok":true}')));
    const insecure = track(createUndiciTransport(target(server.url, { tls: { verify: false } })));
    expect((await insecure.transport({ method: 'GET', url: `${server.url}/Users`, headers: {} })).response.json).toEqual({ ok: true });
    const withCa = track(createUndiciTransport(target(server.url, { tls: { verify: true, ca: certs.valid.cert } })));
    expect((await withCa.transport({ method: 'GET', url: `${server.url}/Users`, headers: {} })).response.status).toBe(200);
  });

  it('says when the certificate has expired', async () => {
    const server = track(await httpsServer(certs.expired, (_req, res) => res.end('{}')));
    const err = await failure(target(server.url, { tls: { verify: true, ca: certs.expired.cert } }), `${server.url}/Users`);
    expect(err.kind).toBe('tls');
    expect(err.detail).toContain('certificate has expired');
  });

  it('names the host a certificate is for when it is not the one asked for', async () => {
    const server = track(await httpsServer(certs.otherHost, (_req, res) => res.end('{}')));
    const err = await failure(target(server.url, { tls: { verify: true, ca: certs.otherHost.cert } }), `${server.url}/Users`);
    expect(err.kind).toBe('tls');
    expect(err.detail).toContain('certificate is for other.host, not 127.0.0.1');
  });

  it('says the port does not speak TLS when https:// meets a plain http server', async () => {
    const server = track(await httpServer((_req, res) => res.end('{}')));
    const err = await failure(target(server.url), `${server.url.replace('http:', 'https:')}/Users`);
    expect(err.kind).toBe('tls');
    expect(err.detail).toContain('does not speak TLS');
  });
});
