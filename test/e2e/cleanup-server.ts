// A loopback SCIM double for the cleanup tests: users and groups in memory, `eq`/`sw` filters, and one switch per
// misbehaviour (hostile ids, no DELETE route, 500 on a second DELETE, creates finished after the client gave up).
// Paths are decoded segment by segment, as a router does, so an id that was not encoded reaches another route.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Stored {
  id: string;
  kind: 'Users' | 'Groups';
  json: Record<string, unknown>;
}

export interface CleanupServerOptions {
  token: string;
  /** Id for the n-th create (1-based); default `u<n>`. */
  idFor?: (n: number) => string;
  /** false: DELETE is not routed and gets an HTML "Cannot DELETE" 404, as Express answers. */
  deleteRoute?: boolean;
  /** Status for a DELETE of an id the server does not hold (default 404 with a SCIM Error). */
  deleteMissingStatus?: number;
  /** Status a successful DELETE answers with (default 204); e.g. 500 for a server that deletes and then fails. */
  deleteStatus?: number;
  /** DELETE of these ids answers 500 and keeps the resource. */
  deleteFails?: (id: string) => boolean;
  /** PATCH and PUT of these ids answer 500 and change nothing. */
  patchFails?: (id: string) => boolean;
  /** PATCH active:false deletes the user (the resource disappears without cleanup's DELETE). */
  deactivateDeletes?: boolean;
  /**
   * What to do with the n-th create: 'answer' (default), 'late' (never answered; stored only once the client has
   * given up and closed the connection, and every later request waits for that), 'reset' (stored, then the
   * connection is destroyed without an answer), 'never' (neither answered nor stored while the run lasts: a create
   * still in flight somewhere behind the server).
   */
  createMode?: (n: number) => 'answer' | 'late' | 'reset' | 'never';
  /** List requests ignore `filter` and answer every resource, as some servers do with filters they do not know. */
  ignoreFilter?: boolean;
  /** An answer that replaces the double's own for this request (e.g. one failing read). */
  answerOverride?: (req: Received) => { status: number; body: unknown } | undefined;
  /** Called before answering each request; the answer waits for the returned promise. */
  beforeAnswer?: (req: Received) => Promise<void> | void;
}

export interface Received {
  method: string;
  /** The request target exactly as it arrived (still percent-encoded). */
  rawUrl: string;
  body: string;
}

export interface CleanupServer {
  baseUrl: string;
  received: Received[];
  store: Map<string, Stored>;
  /** Requests that reached a route other than /scim/v2/Users|Groups[/id] (e.g. /admin/wipe). */
  strayHits: Received[];
  close(): Promise<void>;
}

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function scimError(res: ServerResponse, status: number, detail: string): void {
  send(res, status, { schemas: [ERROR], status: String(status), detail });
}

/** `attr eq "v"` or `attr sw "v"`, case-insensitive as userName and displayName are. */
function matches(filter: string, json: Record<string, unknown>): boolean | undefined {
  const m = /^(\w+) (eq|sw) (".*")$/.exec(filter);
  if (m === null) return undefined;
  const [, attr = '', op, literal = '""'] = m;
  const want = (JSON.parse(literal) as string).toLowerCase();
  const have = json[attr];
  if (typeof have !== 'string') return false;
  return op === 'eq' ? have.toLowerCase() === want : have.toLowerCase().startsWith(want);
}

export async function startCleanupServer(options: CleanupServerOptions): Promise<CleanupServer> {
  const received: Received[] = [];
  const strayHits: Received[] = [];
  const store = new Map<string, Stored>();
  const pending = new Set<Promise<void>>();
  let creates = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse, entry: Received): Promise<void> => {
    if (req.headers.authorization !== `Bearer ${options.token}`) return scimError(res, 401, 'no');
    const url = new URL(entry.rawUrl, 'http://x');
    // Decoded per segment, as routers do: "%2F" inside a segment stays inside it.
    const segments = url.pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
    if (segments[0] !== 'scim' || segments[1] !== 'v2' || (segments[2] !== 'Users' && segments[2] !== 'Groups') || segments.length > 4) {
      strayHits.push(entry);
      return scimError(res, 404, 'no such route');
    }
    const kind = segments[2];
    const id = segments[3];
    const key = (i: string): string => `${kind}/${i}`;
    if (id === undefined) {
      if (req.method === 'POST') {
        creates += 1;
        const n = creates;
        const newId = options.idFor?.(n) ?? `u${n}`;
        const json = { ...(JSON.parse(entry.body) as Record<string, unknown>), id: newId, active: true };
        const stored: Stored = { id: newId, kind, json };
        const mode = options.createMode?.(n) ?? 'answer';
        if (mode === 'never') return;
        if (mode === 'late') {
          // Finished only after the client gave up; nothing else is answered until then.
          pending.add(new Promise<void>((resolve) => res.on('close', () => {
            store.set(key(newId), stored);
            resolve();
          })));
          return;
        }
        store.set(key(newId), stored);
        if (mode === 'reset') {
          req.socket.destroy();
          return;
        }
        return send(res, 201, json);
      }
      if (req.method === 'GET') {
        const filter = url.searchParams.get('filter');
        const all = [...store.values()].filter((s) => s.kind === kind);
        const hits = filter === null || options.ignoreFilter === true ? all : all.filter((s) => matches(filter, s.json));
        if (filter !== null && options.ignoreFilter !== true && matches(filter, {}) === undefined) return scimError(res, 400, `unsupported filter ${filter}`);
        return send(res, 200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: hits.length, startIndex: 1, itemsPerPage: hits.length, Resources: hits.map((s) => s.json) });
      }
      return scimError(res, 405, 'no');
    }
    const found = store.get(key(id));
    if (req.method === 'GET') return found === undefined ? scimError(res, 404, `${id} not found`) : send(res, 200, found.json);
    if (req.method === 'DELETE') {
      if (options.deleteRoute === false) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!DOCTYPE html><html><body><pre>Cannot DELETE ${url.pathname}</pre></body></html>`);
        return;
      }
      if (found === undefined) return scimError(res, options.deleteMissingStatus ?? 404, `${id} not found`);
      if (options.deleteFails?.(id) === true) return scimError(res, 500, 'delete failed');
      store.delete(key(id));
      if (options.deleteStatus !== undefined && options.deleteStatus !== 204) return scimError(res, options.deleteStatus, 'deleted, then failed');
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'PATCH' || req.method === 'PUT') {
      if (found === undefined) return scimError(res, 404, `${id} not found`);
      if (options.patchFails?.(id) === true) return scimError(res, 500, 'update failed');
      if (entry.body.includes('"active":false')) {
        if (options.deactivateDeletes === true) {
          store.delete(key(id));
          return send(res, 200, { ...found.json, active: false });
        }
        found.json['active'] = false;
      }
      return send(res, 200, found.json);
    }
    return scimError(res, 405, 'no');
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Received = { method: req.method ?? '', rawUrl: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      void (async () => {
        await Promise.all(pending);
        await options.beforeAnswer?.(entry);
        const override = options.answerOverride?.(entry);
        if (override !== undefined) send(res, override.status, override.body);
        else await handle(req, res, entry);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    received,
    store,
    strayHits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
