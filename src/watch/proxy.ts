// The reverse proxy behind `scim-check watch`: refuses requests without the engineer's credential, forwards the
// rest unchanged to the one configured target through src/http's transport (same TLS, proxy and timeout options as
// `run`), relays the target's answer byte for byte, and hands each redacted exchange to the caller for judging.
import { createHash, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES, createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExitCode, ScimCheckError, UsageError } from '../errors.js';
import { redactExchange, redactRequest, redactText } from '../http/redact.js';
import type { Exchange, HttpRequest, Target } from '../http/types.js';
import type { WireResponse } from '../http/undici-transport.js';
import type { StepError } from '../runner/types.js';
import type { LiveRequest } from './recognise.js';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus the ones the transport sets itself. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect',
]);

export type ProxyEvent =
  | { kind: 'exchange'; live: LiveRequest; exchange: Exchange }
  | { kind: 'error'; live: LiveRequest; request: HttpRequest; error: StepError; durationMs: number }
  | { kind: 'refused'; method: string; path: string; status: number; reason: string };

export interface ProxyOptions {
  host: string;
  port: number;
  target: Target;
  /** The credential Okta must present: the whole Authorization value, or the token after "Bearer". */
  expectedToken: string;
  maxRequestBytes: number;
  /** Every secret to scrub from what leaves the proxy's records (the expected token included). */
  secrets: string[];
  onEvent: (event: ProxyEvent) => void;
  /** Aborts requests still in flight (second Ctrl-C). */
  hardSignal: AbortSignal;
}

export interface RunningProxy {
  url: string;
  /** Stops accepting, lets requests in flight finish (or aborts them on the hard signal), closes the pool. */
  close(): Promise<void>;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time: both forms are always compared, on equal-length digests. */
export function credentialMatches(authorization: string | undefined, token: string): boolean {
  if (authorization === undefined) return false;
  const expected = digest(token);
  const whole = timingSafeEqual(digest(authorization.trim()), expected);
  const afterScheme = timingSafeEqual(digest(authorization.trim().replace(/^bearer\s+/i, '')), expected);
  return whole || afterScheme;
}

function scimError(res: ServerResponse, status: number, detail: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail });
  res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/**
 * The target's reason phrase, when node:http can write it; a phrase with control characters (a hostile server's
 * escape sequences) makes writeHead throw, so the standard phrase for the status goes to Okta instead.
 */
function relayableReason(status: number, reason: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\t\x20-\x7e\x80-\xff]/.test(reason) ? (STATUS_CODES[status] ?? '') : reason;
}

/** The request headers to forward: every end-to-end header, names as sent, repeated ones joined. */
export function forwardHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const connectionNamed = new Set<string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'connection') for (const name of (rawHeaders[i + 1] ?? '').split(',')) connectionNamed.add(name.trim().toLowerCase());
  }
  const out: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const value = rawHeaders[i + 1] ?? '';
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || connectionNamed.has(lower)) continue;
    const first = seen.get(lower);
    if (first === undefined) {
      seen.set(lower, name);
      out[name] = value;
    } else out[first] = `${out[first] ?? ''}, ${value}`;
  }
  return out;
}

function responseHeaders(wire: WireResponse, bodyLength: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < wire.rawHeaders.length; i += 2) {
    const name = wire.rawHeaders[i] ?? '';
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    out.push(name, wire.rawHeaders[i + 1] ?? '');
  }
  if (wire.status !== 204 && wire.status !== 304) out.push('content-length', String(bodyLength));
  return out;
}

/** Reads the body up to `limit` bytes; undefined when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Splits the request target into the path below the base path and the raw query. */
export function relativeTarget(url: string, basePath: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  // Okta may be given the tunnel's root or the same base path as the app; both address the same resources.
  if (basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length);
  return { path: path === '' ? '/' : path, rawQuery };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { createUndiciTransport } = await import('../http/undici-transport.js');
  const wires = new WeakMap<HttpRequest, WireResponse>();
  const http = createUndiciTransport(options.target, { onWire: (request, wire) => wires.set(request, wire) });
  const base = new URL(options.target.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const inFlight = new Set<Promise<void>>();
  const decoder = new TextDecoder('utf-8', { fatal: true });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const shownPath = url.split('?')[0] ?? '/';
    const refuse = (status: number, reason: string, extra: Record<string, string> = {}): void => {
      scimError(res, status, `scim-check watch: ${reason}`, extra);
      options.onEvent({ kind: 'refused', method, path: redactText(shownPath, options.secrets), status, reason });
    };
    if (!url.startsWith('/')) return refuse(400, 'only origin-form request targets (/path?query) are accepted; this is not an open proxy');
    if (!credentialMatches(req.headers.authorization, options.expectedToken)) {
      return refuse(401, 'missing or wrong credentials (the token given to --expect-token-file)', { 'www-authenticate': 'Bearer realm="scim-check watch"' });
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > options.maxRequestBytes) return refuse(413, `request body over ${options.maxRequestBytes} bytes`, { connection: 'close' });
    const bytes = await readBody(req, options.maxRequestBytes);
    if (bytes === undefined) return refuse(413, `request body over ${options.maxRequestBytes} bytes`, { connection: 'close' });
    let text: string | undefined;
    try {
      text = bytes.length === 0 ? undefined : decoder.decode(bytes);
    } catch {
      return refuse(400, 'the request body is not UTF-8; SCIM bodies are JSON text');
    }

    const { path, rawQuery } = relativeTarget(url, basePath);
    let json: unknown;
    try {
      json = text === undefined ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    const live: LiveRequest = { method, path, rawQuery, json };
    const request: HttpRequest = {
      method,
      url: `${options.target.baseUrl}${path === '/' ? '' : path}${rawQuery === '' ? '' : `?${rawQuery}`}`,
      headers: forwardHeaders(req.rawHeaders),
    };
    if (text !== undefined) request.body = text;

    const started = performance.now();
    let exchange: Exchange;
    try {
      exchange = redactExchange(await http.transport(request, options.hardSignal), options.secrets);
    } catch (error) {
      const safe = redactRequest(request, options.secrets);
      const clean = (text: string): string => redactText(text, options.secrets);
      const stepError: StepError =
        error instanceof ScimCheckError && error.exitCode !== ExitCode.INTERNAL
          ? { code: error.code, title: clean(error.title), detail: clean(error.detail), hint: error.hint === undefined ? undefined : clean(error.hint), request: safe }
          : { code: 'target.network', title: 'Forwarding failed', detail: `${method} ${safe.url} could not be forwarded`, request: safe };
      if (!res.headersSent) scimError(res, 502, `scim-check watch: the target did not answer (${stepError.code})`);
      options.onEvent({ kind: 'error', live, request: safe, error: stepError, durationMs: performance.now() - started });
      return;
    }
    const wire = wires.get(request);
    if (wire === undefined) {
      scimError(res, 502, 'scim-check watch: the target answer was lost');
    } else {
      res.writeHead(wire.status, relayableReason(wire.status, wire.statusText), responseHeaders(wire, wire.body.length));
      res.end(method === 'HEAD' ? undefined : wire.body);
    }
    options.onEvent({ kind: 'exchange', live, exchange });
  };

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const task = handle(req, res).catch(() => {
      // A bug must not take the proxy down mid-provisioning: answer 502, say so, and keep serving.
      if (!res.headersSent) scimError(res, 502, 'scim-check watch: internal error while forwarding');
      else res.destroy();
      options.onEvent({ kind: 'refused', method: req.method ?? 'GET', path: redactText((req.url ?? '/').split('?')[0] ?? '/', options.secrets), status: 502, reason: 'internal error in scim-check while forwarding (please report it)' });
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new UsageError('usage.listen', 'Cannot listen', `--host ${options.host} --port ${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.code ?? 'cannot bind'}`));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const onHard = (): void => {
    server.closeAllConnections();
  };
  options.hardSignal.addEventListener('abort', onHard, { once: true });

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await closed;
        options.hardSignal.removeEventListener('abort', onHard);
        await http.close();
      })();
      return closing;
    },
  };
}
