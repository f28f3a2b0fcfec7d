// A SCIM server that misbehaves on purpose, one behaviour per mode, over plain HTTP or TLS. Underneath each mode
// it keeps a tiny /Users store, so the suites a test runs create, read, list and delete for real and the test can
// see what was left behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeldResource } from './left-behind.js';

export type HostileMode =
  /** Behaves; the baseline every other mode departs from. */
  | 'ok'
  /** Reason phrases, headers, bodies and values carry terminal escape sequences (clear screen, window title). */
  | 'escapes'
  /** Every read answers a ~5 MB JSON body. */
  | 'big-body'
  /** The user list is one page of `size` resources whatever startIndex and count say. */
  | 'huge-page'
  /** Every answer is preceded by an unsolicited `100 Continue`. */
  | 'continue'
  /** The second request on each kept-alive connection is met with a close, before any byte. */
  | 'keepalive-close'
  /** Every answer comes after `delayMs`. */
  | 'slow'
  /** Never answers. */
  | 'never'
  /** Every answer is 429 with `Retry-After: 1` (or `retryAfter`). */
  | 'always-429'
  /** Echoes the Authorization value and any password it was sent, in every transformed form, everywhere. */
  | 'echo-secrets'
  /** Reads answer JSON nested 100 000 levels deep. */
  | 'deep-json'
  /** Every answer carries a 1 MB header, and 10 000 small ones. */
  | 'big-headers'
  /** Everything under /scim/v2 is a SCIM 404 at once; any other path (where a base-URL search looks) never answers. */
  | 'lost-base';

export interface HostileOptions {
  tls?: { key: string; cert: string } | undefined;
  /** 'slow': how late each answer comes. */
  delayMs?: number | undefined;
  /** 'huge-page': how many resources the one page holds. */
  size?: number | undefined;
  /** 'always-429': the Retry-After value sent (default '1'). */
  retryAfter?: string | undefined;
}

export interface HostileServer {
  baseUrl: string;
  origin: string;
  /** Ids of users still stored (what a run left behind). */
  users: () => string[];
  /** The users still stored, with their userName, to set against what the run lists as maybe left. */
  held: () => HeldResource[];
  requests: () => number;
  /** Resolves once every request received so far is done with (a 'slow' create stored, say). */
  idle: () => Promise<void>;
  close: () => Promise<void>;
}

/** What 'escapes' puts in bodies and values: set the window title, clear the screen, ring the bell, hide a line. */
export const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\r\u009b1m\u202e';
/** What it puts in reason phrases (HTTP clients refuse control characters in header values, not there). */
export const REASON_ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** Every transformed form the 'echo-secrets' mode sends a secret back in. */
export function transformedForms(secret: string): Record<string, string> {
  return {
    upper: secret.toUpperCase(),
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
    base64Prefixed: Buffer.from(`token=${secret};`).toString('base64'),
    unicode: [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    html: [...secret].map((c) => `&#${c.charCodeAt(0)};`).join(''),
    htmlHex: [...secret].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
    percent: [...secret].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    slice: secret.slice(2, 12),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

export async function startHostile(mode: HostileMode, options: HostileOptions = {}): Promise<HostileServer> {
  const users = new Map<string, Record<string, unknown>>();
  let next = 0;
  let requests = 0;
  let pending = 0;
  let waiters: Array<() => void> = [];
  const perSocket = new WeakMap<Socket, number>();

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (mode === 'escapes') {
      // node:http refuses to write such a reason phrase, so the answer goes on the socket by hand.
      const bytes = Buffer.from(text, 'utf8');
      res.socket?.write(`HTTP/1.1 ${status} OK${REASON_ESCAPES}\r\ncontent-type: application/scim+json\r\ncontent-length: ${bytes.length}\r\nconnection: close\r\n\r\n`, 'latin1');
      res.socket?.end(bytes);
      return;
    }
    if (mode === 'continue') res.writeContinue();
    if (mode === 'big-headers') {
      res.setHeader('x-big', 'h'.repeat(1024 * 1024));
      for (let i = 0; i < 10_000; i++) res.setHeader(`x-many-${i}`, String(i));
    }
    res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests++;
    const count = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, count);
    const body = await readBody(req);
    if (mode === 'never') return;
    if (mode === 'lost-base') {
      if (!(req.url ?? '').startsWith('/scim/v2/')) return;
      return send(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'not found' });
    }
    if (mode === 'keepalive-close' && count === 2) {
      req.socket.destroy();
      return;
    }
    if (mode === 'slow') await new Promise((r) => setTimeout(r, options.delayMs ?? 1000));
    if (mode === 'always-429') {
      res.writeHead(429, { 'retry-after': options.retryAfter ?? '1', 'content-type': 'application/scim+json' });
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/scim\/v2/, '');
    const authorization = req.headers.authorization ?? '';

    if (mode === 'echo-secrets') {
      const sentPassword = /"password"\s*:\s*"([^"]*)"/.exec(body)?.[1] ?? '';
      // A Basic credential is echoed decoded too: "user:password", then the password alone.
      const basic = /^Basic (.+)$/i.exec(authorization)?.[1];
      const decoded = basic === undefined ? '' : Buffer.from(basic, 'base64').toString('utf8');
      const credential = authorization.replace(/^(?:Bearer|Basic|SSWS) /i, '');
      const forms: Record<string, string> = {
        ...transformedForms(credential),
        ...Object.fromEntries(Object.entries(transformedForms(authorization)).map(([k, v]) => [`whole-${k}`, v])),
        ...(decoded === '' ? {} : Object.fromEntries(Object.entries(transformedForms(decoded.slice(decoded.indexOf(':') + 1))).map(([k, v]) => [`basic-${k}`, v]))),
        ...(decoded === '' ? {} : { decoded }),
      };
      // A password is redacted whole in every form; its slices are not secrets on their own (see find-secrets.ts).
      const { slice: _slice, ...passwordForms } = sentPassword === '' ? { slice: '' } : transformedForms(sentPassword);
      const detail = `rejected request ${body} from ${authorization}; seen as ${Object.values(forms).join(' ')} ${Object.values(passwordForms).join(' ')}`;
      res.writeHead(400, Buffer.from(authorization).toString('base64'), {
        'content-type': 'application/scim+json',
        'x-echo': forms['base64'] ?? '',
        'www-authenticate': `Bearer error="${forms['upper'] ?? ''}"`,
      });
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', detail, forms, passwordForms, html: `<p>${forms['html'] ?? ''}</p>` }));
      return;
    }

    if (req.method === 'POST' && path === '/Users') {
      const input = JSON.parse(body || '{}') as Record<string, unknown>;
      const id = `u${++next}`;
      const user = { schemas: [USER], id, userName: input['userName'], active: true };
      users.set(id, user);
      return send(res, 201, mode === 'escapes' ? { ...user, displayName: ESCAPES } : user);
    }
    const one = /^\/Users\/([^/]+)$/.exec(path);
    if (one?.[1] !== undefined) {
      const id = decodeURIComponent(one[1]);
      const user = users.get(id);
      if (req.method === 'DELETE') {
        users.delete(id);
        if (mode === 'escapes') return send(res, 200, { detail: `deleted ${ESCAPES}` });
        if (mode === 'continue') res.writeContinue();
        res.writeHead(204);
        res.end();
        return;
      }
      if (user === undefined) return send(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: mode === 'escapes' ? `no ${ESCAPES}` : 'not found' });
      if (mode === 'big-body') return send(res, 200, { ...user, blob: 'x'.repeat(5 * 1024 * 1024) });
      if (mode === 'deep-json') return send(res, 200, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      if (mode === 'escapes') return send(res, 200, { ...user, userName: `${String(user['userName'])}${ESCAPES}` });
      return send(res, 200, user);
    }
    if (req.method === 'GET' && path === '/Users') {
      if (mode === 'huge-page') {
        const size = options.size ?? 1_000_000;
        // Written by hand: a million objects through JSON.stringify would cost the test more than the tool.
        const parts: string[] = [];
        for (let i = 0; i < size; i++) parts.push(`{"id":"h${i}"}`);
        const text = `{"schemas":["${LIST}"],"totalResults":${size},"startIndex":1,"itemsPerPage":${size},"Resources":[${parts.join(',')}]}`;
        return send(res, 200, text);
      }
      const all = [...users.values()];
      const start = Math.max(1, Number(url.searchParams.get('startIndex') ?? '1'));
      const size = Math.max(0, Number(url.searchParams.get('count') ?? '100'));
      const page = all.slice(start - 1, start - 1 + size);
      return send(res, 200, { schemas: [LIST], totalResults: all.length, startIndex: start, itemsPerPage: page.length, Resources: page });
    }
    send(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'not found' });
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    pending++;
    handle(req, res)
      .catch(() => res.destroy())
      .finally(() => {
        pending--;
        if (pending > 0) return;
        const ready = waiters;
        waiters = [];
        for (const w of ready) w();
      });
  };
  const server = options.tls === undefined ? createHttpServer(listener) : createHttpsServer(options.tls, listener);
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/scim/v2`,
    users: () => [...users.keys()],
    held: () => [...users.values()].map((u) => ({ collection: 'Users' as const, id: String(u['id']), name: String(u['userName']) })),
    requests: () => requests,
    idle: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A self-signed certificate for 127.0.0.1, made with openssl at test time. */
export function makeCert(): { key: string; cert: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-hostile-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/CN=scim-check hostile', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2'], { cwd: dir, stdio: 'ignore' });
  return {
    key: readFileSync(join(dir, 'k.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'c.pem'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
