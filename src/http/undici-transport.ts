// The real Transport: one keep-alive undici Agent (or ProxyAgent) per run, TLS per --ca/--insecure, an exact
// per-request deadline, a streamed size limit, gzip/deflate/br decoding, auth merging, timings and the reason
// phrase; one retry of an idempotent request on a kept-alive socket the server had closed; interim 100s dropped.
// The only module that imports undici; load it with `await import()` so commands that send nothing skip it.
import { rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import {
  brotliDecompress,
  brotliDecompressSync,
  gunzip,
  gunzipSync,
  inflate,
  inflateRaw,
  inflateRawSync,
  inflateSync,
} from 'node:zlib';
import type { BrotliOptions, ZlibOptions } from 'node:zlib';
import { Agent, buildConnector, proxyAgentClass } from './undici-parts.js';
import type { Dispatcher } from 'undici';
import { authHeaders, secretsOf } from './auth.js';
import { formatBytes, HttpError, toHttpError } from './http-error.js';
import { dropUnsolicitedContinue } from './interim-responses.js';
import { jsonDepthOver, MAX_JSON_DEPTH } from './json-depth.js';
import { MIN_SLICE, wholeOnly } from './find-secrets.js';
import { redactExchange, redactRequest, secretFieldValues } from './redact.js';
import type { Exchange, HttpRequest, HttpResponse, Target, Transport } from './types.js';
import { requestDeadline } from './request-deadline.js';

type Inflater = (data: Buffer, options: ZlibOptions & BrotliOptions) => Promise<Buffer>;

/**
 * Small bodies (every normal SCIM page) are inflated synchronously: a thread-pool round trip costs ~0.5 ms,
 * more than the work. Large ones go to the pool so the event loop (spinner, signals) stays responsive.
 */
const SYNC_INFLATE_LIMIT = 256 * 1024;
function inflater(sync: (data: Buffer, options: ZlibOptions & BrotliOptions) => Buffer, async: Inflater): Inflater {
  return (data, options) => (data.length <= SYNC_INFLATE_LIMIT ? Promise.resolve().then(() => sync(data, options)) : async(data, options));
}
const gunzipAsync = inflater(gunzipSync, promisify<Buffer, ZlibOptions, Buffer>(gunzip));
const inflateAsync = inflater(inflateSync, promisify<Buffer, ZlibOptions, Buffer>(inflate));
const inflateRawAsync = inflater(inflateRawSync, promisify<Buffer, ZlibOptions, Buffer>(inflateRaw));
const brotliAsync = inflater(brotliDecompressSync, promisify<Buffer, BrotliOptions, Buffer>(brotliDecompress));

/**
 * undici runs its timers over 1 s on a coarse (~0.5 s) clock, so --timeout 1000 fired at ~1.5 s. Our own timer
 * is exact and caps the whole exchange; undici's headers/body timers are set later than ours, as a backstop only.
 */
const UNDICI_TIMER_MARGIN_MS = 1_000;

/** Methods HTTP lets a client repeat (RFC 9110 §9.2.2): one retry on a socket closed before any answer. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
const SOCKET_CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);
/** Retries of an idempotent request whose kept-alive socket was closed before any answer. */
export const STALE_SOCKET_RETRIES = 4;

export interface UndiciTransportOptions {
  /** Where requests go instead of the network (tests: the msw bridge). The transport does not close it. */
  dispatcher?: Dispatcher | undefined;
}

/** A response as it came off the wire, before decoding and redaction: only for a caller that relays it (watch). */
export interface WireResponse {
  status: number;
  statusText: string;
  /** Names and values in arrival order, as sent. */
  rawHeaders: string[];
  /** The body bytes as received (still content-encoded). */
  body: Buffer;
}

export interface UndiciTransportOptions {
  /**
   * Called with the caller's own request object and the unredacted wire response, before the redacted Exchange is
   * returned. A reverse proxy needs the bytes to relay; nothing handed here may be printed or stored.
   */
  onWire?: ((request: HttpRequest, wire: WireResponse) => void) | undefined;
}

export interface UndiciTransport {
  transport: Transport;
  /** Closes the pooled connections; call once the run (cleanup included) is over. */
  close(): Promise<void>;
}

/** Builds the transport for one run against `target`. */
export function createUndiciTransport(target: Target, options: UndiciTransportOptions = {}): UndiciTransport {
  // Grows as the run sends secrets of its own (a password in a body, an Authorization value): a server may quote
  // them back later, in another request's answer.
  let secrets = secretsOf(target);
  // Learned values are found whole, in every transformed form, but not by slices (see wholeOnly).
  const learn = (values: readonly string[]): void => {
    const fresh = values.map((v) => v.trim()).filter((v) => v.length >= 4).map(wholeOnly).filter((v) => !secrets.includes(v));
    if (fresh.length > 0) secrets = [...secrets, ...new Set(fresh)];
  };
  const connect = {
    timeout: target.timeoutMs,
    rejectUnauthorized: target.tls.verify,
    // --ca adds to the system roots rather than replacing them, so a proxy or a public host still verifies.
    ...(target.tls.ca === undefined ? {} : { ca: [...rootCertificates, target.tls.ca] }),
  };
  const agentOptions = {
    headersTimeout: target.timeoutMs + UNDICI_TIMER_MARGIN_MS,
    bodyTimeout: target.timeoutMs + UNDICI_TIMER_MARGIN_MS,
    keepAliveTimeout: 4_000,
  };
  const connector = buildConnector(connect);
  const owned: Dispatcher | undefined =
    options.dispatcher !== undefined
      ? undefined
      : target.proxy === undefined
        ? new Agent({
            ...agentOptions,
            connect: (opts, callback) => {
              connector(opts, (err, socket) => {
                if (err === null && socket !== null && socket !== undefined) {
                  dropUnsolicitedContinue(socket);
                  callback(null, socket);
                } else callback(err ?? new Error('connect failed'), null);
              });
            },
          })
        : new (proxyAgentClass())({ ...agentOptions, connect, uri: target.proxy, requestTls: connect });
  const dispatcher: Dispatcher = options.dispatcher ?? (owned as Dispatcher);
  const errorOptions = (): { secrets: string[]; proxy: string | undefined; timeoutMs: number; maxResponseBytes: number } => ({
    secrets,
    proxy: target.proxy,
    timeoutMs: target.timeoutMs,
    maxResponseBytes: target.maxResponseBytes,
  });

  const transport: Transport = async (request, signal) => {
    const headers = mergeHeaders(request.headers, target);
    learn(secretFieldValues(request.body, request.secretFields));
    // Each Authorization value sent is a secret in its own right (its base64 too, which find-secrets covers).
    learn(Object.entries(headers).filter(([name, value]) => name.toLowerCase() === 'authorization' && value.length >= MIN_SLICE).map(([, value]) => value));
    const sent: HttpRequest = { method: request.method, url: request.url, headers };
    if (request.body !== undefined) sent.body = request.body;
    const safeRequest = redactRequest(sent, secrets);

    let url: URL;
    try {
      url = new URL(request.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw Object.assign(new Error('scheme'), { code: 'ERR_INVALID_URL_SCHEME' });
    } catch (err) {
      throw toHttpError(err, safeRequest, request.url, errorOptions());
    }

    // Okta drops the socket after 60 s whatever happens (okta-protocol.md §1.3); --timeout caps the whole
    // exchange (connect, headers and body) on an exact timer.
    const deadline = requestDeadline(target.timeoutMs, signal);
    const combined = deadline.signal;
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    let tHeaders: number | undefined;
    const attempt = async (): Promise<Dispatcher.ResponseData> =>
      dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body: request.body ?? null,
        signal: combined,
        responseHeaders: 'raw',
      });
    try {
      let response: Dispatcher.ResponseData;
      // A kept-alive socket the server closed just as the request went out: no byte of an answer came back, so HTTP
      // lets an idempotent request be sent again. Each failure discards that stale socket; the pool may hold a few
      // (one per earlier request), so a bounded number of retries reaches a fresh connection. Not a crash.
      for (let retries = 0; ; retries += 1) {
        try {
          response = await attempt();
          break;
        } catch (err) {
          if (retries >= STALE_SOCKET_RETRIES || !IDEMPOTENT.has(request.method.toUpperCase()) || combined.aborted || !closedBeforeAnswer(err)) throw err;
        }
      }
      tHeaders = performance.now();
      const wire = await readBounded(response.body, target.maxResponseBytes, safeRequest);
      const tEnd = performance.now();
      const responseHeaders = joinRawHeaders(response.headers);
      const decoded = await decode(wire, responseHeaders['content-encoding'], target.maxResponseBytes, safeRequest);
      const body = decoded.toString('utf8');
      const result: HttpResponse = {
        status: response.statusCode,
        statusText: response.statusText ?? '',
        httpVersion: '1.1',
        headers: responseHeaders,
        body,
        bodySize: wire.length,
      };
      const depth = jsonDepthOver(body, MAX_JSON_DEPTH);
      if (depth !== undefined) {
        // Judging (and redacting) a value recurses; past this depth the stack, not the server, would be blamed.
        result.jsonNote = `JSON nested more than ${MAX_JSON_DEPTH} levels deep (at offset ${depth}); scim-check does not judge it`;
      } else {
        const json = parseJson(body);
        if (json !== undefined) result.json = json;
      }
      options.onWire?.(request, { status: response.statusCode, statusText: response.statusText ?? '', rawHeaders: rawHeaderList(response.headers), body: wire });
      const exchange: Exchange = {
        request: sent,
        response: result,
        timings: {
          startedAt,
          connect: -1,
          wait: round(tHeaders - t0),
          receive: round(tEnd - tHeaders),
          total: round(tEnd - t0),
        },
      };
      return redactExchange(exchange, secrets);
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (signal?.aborted === true && !deadline.timedOut()) {
        throw new HttpError({
          kind: 'aborted',
          url: safeRequest.url,
          detail: `${request.method} ${safeRequest.url} was cancelled before it completed`,
          request: safeRequest,
          causeCode: 'AbortError',
        });
      }
      if (deadline.timedOut()) {
        const phase = tHeaders === undefined ? 'no answer' : 'the headers came but the body did not finish';
        throw toHttpError(Object.assign(new Error(phase), { name: 'TimeoutError' }), safeRequest, request.url, errorOptions());
      }
      if (url.protocol === 'http:' && closedBeforeAnswer(err, true)) {
        const { speaksTls } = await import('./probe-tls.js');
        if (await speaksTls(url, Math.min(1_000, target.timeoutMs))) {
          throw new HttpError({
            kind: 'not-http',
            url: safeRequest.url,
            detail: `${url.host} speaks TLS on this port, not plain HTTP: ${request.method} ${safeRequest.url} got no HTTP answer`,
            hint: 'use https:// in --base-url',
            request: safeRequest,
            causeCode: 'TLS_PORT',
          });
        }
      }
      if (url.protocol === 'https:' && closedBeforeAnswer(err)) {
        const { speaksPlainHttp } = await import('./probe-tls.js');
        if (await speaksPlainHttp(url, Math.min(1_000, target.timeoutMs))) {
          throw new HttpError({
            kind: 'tls',
            url: safeRequest.url,
            detail: `TLS: the server does not speak TLS on this port, it answers plain HTTP (${url.host})`,
            hint: 'use http:// in --base-url, or put TLS in front of the server (Okta needs https://)',
            request: safeRequest,
            causeCode: 'PLAIN_HTTP_PORT',
          });
        }
      }
      throw toHttpError(err, safeRequest, request.url, errorOptions());
    } finally {
      deadline.release();
    }
  };

  return {
    transport,
    close: async () => {
      await owned?.close();
    },
  };
}

/**
 * The suite's headers win over the target's: a step may send a deliberately wrong Authorization (Okta's 401
 * test) or, with the value "", none at all. "" suppresses any header, --header ones included.
 */
export function mergeHeaders(requestHeaders: Record<string, string>, target: Target): Record<string, string> {
  const named = new Set(Object.keys(requestHeaders).map((name) => name.toLowerCase()));
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...target.headers, ...authHeaders(target.auth) })) {
    if (!named.has(name.toLowerCase())) merged[name] = value;
  }
  for (const [name, value] of Object.entries(requestHeaders)) {
    if (value !== '') merged[name] = value;
  }
  return merged;
}

/** The socket closed before any byte of an answer (or, with `garbled`, answered with something not HTTP). */
function closedBeforeAnswer(err: unknown, garbled = false): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return SOCKET_CLOSED.has(code) || (garbled && (code.startsWith('HPE_') || (err as Error).name === 'HTTPParserError'));
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown }, limit: number, request: HttpRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      // Stop reading at once: the rest of a 20 MiB answer is never buffered, and the socket is discarded.
      body.destroy();
      throw tooLarge(request, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(request: HttpRequest, limit: number): HttpError {
  return new HttpError({
    kind: 'too-large',
    url: request.url,
    detail: `${request.method} ${request.url}: response body exceeded ${formatBytes(limit)}`,
    hint: 'a SCIM page should be small; check count/startIndex handling, or raise the limit',
    request,
  });
}

/** Undoes Content-Encoding, last coding first; the decoded size is held to the same limit (no zip bombs). */
async function decode(wire: Buffer, encoding: string | undefined, limit: number, request: HttpRequest): Promise<Buffer> {
  if (encoding === undefined || wire.length === 0) return wire;
  const codings = encoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let data = wire;
  try {
    for (const coding of codings.reverse()) {
      if (coding === 'gzip' || coding === 'x-gzip') data = await gunzipAsync(data, { maxOutputLength: limit });
      else if (coding === 'br') data = await brotliAsync(data, { maxOutputLength: limit });
      else if (coding === 'deflate') {
        // RFC 9110 says zlib-wrapped; some servers send raw deflate, which browsers accept too.
        data = await inflateAsync(data, { maxOutputLength: limit }).catch(async (err: unknown) => {
          if (isRangeError(err)) throw err;
          return inflateRawAsync(data, { maxOutputLength: limit });
        });
      } else return data; // Unknown coding: hand over the bytes as they came.
    }
  } catch (err) {
    if (isRangeError(err)) throw tooLarge(request, limit);
    throw new HttpError({
      kind: 'not-http',
      url: request.url,
      detail: `${request.method} ${request.url}: the body is not valid ${encoding} although Content-Encoding says so`,
      request,
      causeCode: typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined,
    });
  }
  return data;
}

function isRangeError(err: unknown): boolean {
  return err instanceof RangeError || (err as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/** Lower-case names; repeated headers joined with ", ", set-cookie with "\n" (cookies may contain commas). */
function joinRawHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(raw)) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    const value = String(raw[i + 1]);
    const previous = out[name];
    out[name] = previous === undefined ? value : `${previous}${name === 'set-cookie' ? '\n' : ', '}${value}`;
  }
  return out;
}

function rawHeaderList(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.map((item) => String(item)) : [];
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
