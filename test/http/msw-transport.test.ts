// The real undici transport over the msw bridge: each hostile answer is a small msw handler, in process, no socket.
import { gzipSync } from 'node:zlib';
import { delay, http, HttpResponse } from 'msw';
import type { RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/http-error.js';
import type { Target } from '../../src/http/types.js';
import { createUndiciTransport, STALE_SOCKET_RETRIES } from '../../src/http/undici-transport.js';
import { sendWithRetry } from '../../src/runner/rate-limit.js';
import type { RateLimitNote } from '../../src/runner/rate-limit.js';
import { MswDispatcher } from '../support/msw-undici.js';

const BASE = 'https://scim.msw.test/scim/v2';
const TOKEN = 'msw-token-0123456789abcdef';

function target(over: Partial<Target> = {}): Target {
  return { baseUrl: BASE, auth: { kind: 'bearer', token: TOKEN }, headers: {}, tls: { verify: true }, timeoutMs: 2_000, maxResponseBytes: 1024 * 1024, ...over };
}

function transportFor(handlers: RequestHandler[], over: Partial<Target> = {}) {
  const dispatcher = new MswDispatcher(handlers);
  return { dispatcher, transport: createUndiciTransport(target(over), { dispatcher }).transport };
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

const get = { method: 'GET', url: `${BASE}/Users`, headers: {} };

describe('undici transport over msw', () => {
  it('sends the bearer token and reads a JSON answer', async () => {
    const { transport, dispatcher } = transportFor([http.get(`${BASE}/Users`, () => HttpResponse.json({ totalResults: 0 }))]);
    const exchange = await transport(get);
    expect(exchange.response.json).toEqual({ totalResults: 0 });
    expect(dispatcher.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(exchange.request.headers['Authorization']).toBe('Bearer [REDACTED]');
  });

  it('errors by timeout when the answer comes after --timeout, and not before', async () => {
    const handlers = [http.get(`${BASE}/Users`, async () => (await delay(400), HttpResponse.json({})))];
    const late = await failure(transportFor(handlers, { timeoutMs: 100 }).transport(get));
    expect(late.kind).toBe('timeout');
    expect(late.detail).toContain('within 100 ms');
    await expect(transportFor(handlers, { timeoutMs: 1_500 }).transport(get)).resolves.toBeDefined();
  });

  it('refuses a body over the size limit, and a gzip bomb under it', async () => {
    const big = http.get(`${BASE}/Users`, () => new HttpResponse('x'.repeat(2 * 1024 * 1024)));
    expect((await failure(transportFor([big]).transport(get))).kind).toBe('too-large');
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const zipped = http.get(`${BASE}/Users`, () => new HttpResponse(bomb, { headers: { 'content-encoding': 'gzip' } }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await failure(transportFor([zipped]).transport(get))).kind).toBe('too-large');
  });

  it('names a body that is not the encoding it claims', async () => {
    const handler = http.get(`${BASE}/Users`, () => new HttpResponse('not gzip at all', { headers: { 'content-encoding': 'gzip' } }));
    const err = await failure(transportFor([handler]).transport(get));
    expect(err.kind).toBe('not-http');
    expect(err.detail).toContain('not valid gzip');
  });

  it('decodes a UTF-8 body with invalid bytes without failing, replacing them', async () => {
    const handler = http.get(`${BASE}/Users`, () => new HttpResponse(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])));
    const exchange = await transportFor([handler]).transport(get);
    expect(exchange.response.json).toEqual({ a: '\ufffd\ufffd' });
  });

  it('does not follow redirects: the 3xx and its Location are the answer', async () => {
    for (const status of [301, 302, 307, 308]) {
      const { transport, dispatcher } = transportFor([
        http.get(`${BASE}/Users`, () => new HttpResponse(null, { status, headers: { location: `${BASE}/Elsewhere` } })),
        http.get(`${BASE}/Elsewhere`, () => HttpResponse.json({})),
      ]);
      const exchange = await transport(get);
      expect(exchange.response.status).toBe(status);
      expect(exchange.response.headers['location']).toBe(`${BASE}/Elsewhere`);
      expect(dispatcher.requests).toHaveLength(1);
    }
  });

  it('reads a dropped connection as a reset, after a bounded number of retries of an idempotent request', async () => {
    // Each retry discards one stale socket; a server that drops every connection still ends in a reset, not a loop.
    const { transport, dispatcher } = transportFor([http.get(`${BASE}/Users`, () => HttpResponse.error())]);
    expect((await failure(transport(get))).kind).toBe('reset');
    expect(dispatcher.requests).toHaveLength(1 + STALE_SOCKET_RETRIES);
    const post = transportFor([http.post(`${BASE}/Users`, () => HttpResponse.error())]);
    await failure(post.transport({ ...get, method: 'POST', body: '{}' }));
    expect(post.dispatcher.requests).toHaveLength(1);
  });

  it('redacts the value of a field the suite marks secret when the server quotes it back, in any form', async () => {
    const pin = 'Msw-Pin-424242';
    const { transport } = transportFor([
      http.post(`${BASE}/Users`, async ({ request }) => {
        const sent = await request.text();
        return HttpResponse.json({ detail: `bad body ${sent}`, b64: Buffer.from(pin).toString('base64'), upper: pin.toUpperCase(), escaped: pin.replace(/-/g, '\\u002d') }, { status: 400 });
      }),
    ]);
    const exchange = await transport({ ...get, method: 'POST', body: JSON.stringify({ userName: 'a', enterprise: { pin } }), secretFields: ['pin'] });
    const text = JSON.stringify(exchange);
    expect(text.toLowerCase()).not.toContain(pin.toLowerCase());
    expect(text).not.toContain(Buffer.from(pin).toString('base64').slice(0, 12));
    expect(text).not.toContain('secretFields');
    expect(text).toContain('[REDACTED]');
  });

  it('redacts a password the run sent when the server quotes it back, in any form', async () => {
    const password = 'Msw-Pa55word-0987';
    const { transport } = transportFor([
      http.post(`${BASE}/Users`, async ({ request }) => {
        const sent = await request.text();
        return HttpResponse.json({ detail: `bad body ${sent}`, b64: Buffer.from(password).toString('base64'), upper: password.toUpperCase() }, { status: 400 });
      }),
    ]);
    const exchange = await transport({ ...get, method: 'POST', body: JSON.stringify({ userName: 'a', password }) });
    const text = JSON.stringify(exchange);
    expect(text).not.toContain(password);
    expect(text.toLowerCase()).not.toContain(password.toLowerCase());
    expect(text).not.toContain(Buffer.from(password).toString('base64').slice(0, 12));
  });
});

describe('429 handling over msw', () => {
  const forms: Array<[string | undefined, boolean]> = [
    ['0', true],
    ['1.5', false],
    ['Wed, 21 Oct 2015 07:28:00 GMT', false],
    ['-1', false],
    [undefined, false],
  ];
  it.each(forms)('Retry-After %s is noted as integer=%s, and the retry goes through', async (retryAfter, integer) => {
    let calls = 0;
    const { transport } = transportFor([
      http.get(`${BASE}/Users`, () => {
        calls++;
        if (calls > 1) return HttpResponse.json({});
        return new HttpResponse(null, { status: 429, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });
      }),
    ]);
    const notes: RateLimitNote[] = [];
    const exchange = await sendWithRetry(transport, get, undefined, notes);
    expect(exchange.response.status).toBe(200);
    expect(notes).toEqual([{ retryAfter, integer, waitedMs: integer ? 0 : 1000 }]);
  });

  it('stops waiting once the run has spent its 429 budget, and says so', async () => {
    const { transport } = transportFor([http.get(`${BASE}/Users`, () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }))]);
    const notes: RateLimitNote[] = [];
    const exchange = await sendWithRetry(transport, get, undefined, notes, 1_500);
    expect(exchange.response.status).toBe(429);
    expect(notes.map((n) => n.budgetSpent === true)).toEqual([false, true]);
  });
});
