// The SCIM protocol over node:http: routing, auth, content negotiation, the endpoints and the postman profile.
// Quirks bend it only through the hooks of quirk-hooks.ts. Every failure leaves as an HTTP answer (a SCIM Error
// unless a quirk says otherwise), never as a crash.
import { timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScimHttpError, badRequest, notFound } from './scim-http-error.js';
import { ERROR_SCHEMA, GROUP_SHAPE, LIST_SCHEMA, USER_SHAPE, resolvePath } from './resource-schemas.js';
import type { ResourceKind, ResourceShape } from './resource-schemas.js';
import { indexableEq, matchesFilter, parseFilter } from './filter.js';
import type { EvalOptions, Filter, FilterParseOptions } from './filter.js';
import { applyPatch, readPatchBody } from './apply-patch.js';
import type { PatchOperation } from './apply-patch.js';
import { checkRequired, isObject, normalizeResource } from './normalize-resource.js';
import type { Json } from './normalize-resource.js';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery.js';
import type { ResourceStore, StoredResource } from './resource-store.js';
import { quirkHooks } from './quirks.js';
import type { Quirk } from './quirks.js';
import type { Action, Answer, Operation, QuirkHooks } from './quirk-hooks.js';
import type { Emulation, ReceivedRequest } from './server-types.js';

export interface HandlerConfig {
  basePath: string;
  /** '' = no authentication. */
  token: string;
  emulate: Emulation | undefined;
  quirks: readonly Quirk[];
  patch204: boolean;
  maxPageSize: number;
  maxBodyBytes: number;
  record: boolean;
  /** Most requests `received` keeps; older ones are dropped so a long-lived `serve` stays flat. */
  recordLimit: number;
}

const SHAPES: Record<ResourceKind, ResourceShape> = { User: USER_SHAPE, Group: GROUP_SHAPE };
const NAME_ATTR: Record<ResourceKind, string> = { User: 'userName', Group: 'displayName' };
const DEFAULT_PAGE_SIZE = 100;
/** Past this much a too-large body is no longer drained but the connection is dropped. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

// Postman's documented filter surface (okta-protocol.md §5.2): userName and active on Users, displayName on Groups.
const POSTMAN_FILTER: Record<ResourceKind, FilterParseOptions> = {
  User: { allowed: new Set(['username', 'active']), allowedOps: new Set(['eq']) },
  Group: { allowed: new Set(['displayname']), allowedOps: new Set(['eq']) },
};

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path segments below the base path, decoded. */
  segments: string[];
  query: Map<string, string>;
  body: string;
  bodyTooLarge: boolean;
  op: Operation;
}

export class RequestHandler {
  private readonly hooks: readonly QuirkHooks[];
  private readonly pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(
    private readonly config: HandlerConfig,
    private readonly store: ResourceStore,
    private readonly received: ReceivedRequest[],
  ) {
    this.hooks = quirkHooks(config.quirks);
  }

  private get postman(): boolean {
    return this.config.emulate === 'postman';
  }

  /** Ends every slow=MS wait at once, so close() never waits for them. */
  cancelDelays(): void {
    for (const d of this.pendingDelays) {
      clearTimeout(d.timer);
      d.resolve();
    }
    this.pendingDelays.clear();
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.pendingDelays.delete(entry), resolve()), ms), resolve };
      this.pendingDelays.add(entry);
    });
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((error: unknown) => {
      // A bug here must still give the client an answer, never take the server down.
      if (!res.headersSent) {
        const detail = error instanceof Error ? error.message : String(error);
        this.sendError(req, res, new ScimHttpError(500, `Internal error in the reference server: ${detail}`), otherOp(req));
      } else {
        res.destroy();
      }
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
    let entry: ReceivedRequest | undefined;
    if (this.config.record) {
      entry = { method: req.method ?? 'GET', path, rawQuery, headers: flatHeaders(req), body: '' };
      this.received.push(entry);
      // shift() on a large array is a constant-time trim of its start in V8, so this is a ring buffer in effect.
      if (this.received.length > this.config.recordLimit) this.received.shift();
    }
    const { text, tooLarge } = await readBody(req, this.config.maxBodyBytes);
    if (entry !== undefined) entry.body = text;
    if (res.destroyed) return;

    for (const hook of this.hooks) {
      const answer = await hook.intercept?.({ method: req.method ?? 'GET', path }, (ms) => this.delay(ms));
      if (res.destroyed) return;
      if (answer !== undefined) return send(req, res, answer);
    }

    const method = (req.method ?? 'GET').toUpperCase();
    const query = new Map<string, string>();
    for (const [k, v] of new URLSearchParams(rawQuery)) query.set(k.toLowerCase(), v);
    let op: Operation = { method, action: 'other', kind: undefined, query };
    try {
      const segments = this.segmentsOf(path);
      op = operationOf(method, segments, query);
      const ctx: Ctx = { req, res, method, segments, query, body: text, bodyTooLarge: tooLarge, op };
      this.authenticate(req, segments);
      this.negotiate(req);
      this.route(ctx);
    } catch (error) {
      if (error instanceof ScimHttpError) this.sendError(req, res, error, op);
      else throw error;
    }
  }

  private segmentsOf(path: string): string[] {
    const base = this.config.basePath;
    if (path !== base && !path.startsWith(`${base}/`)) {
      throw notFound(`${path} is outside the SCIM base path ${base}; the base URL is ${this.store.baseUrl}.`);
    }
    const rest = path.slice(base.length).split('/').filter((s) => s !== '');
    try {
      return rest.map((s) => decodeURIComponent(s));
    } catch {
      throw notFound(`${path} is not a valid resource path.`);
    }
  }

  private authenticate(req: IncomingMessage, segments: string[]): void {
    const token = this.config.token;
    if (token === '') return;
    const auth = req.headers.authorization;
    const quirk = this.hooks.find((h) => h.authorize !== undefined);
    let ok = false;
    if (quirk?.authorize !== undefined) {
      ok = quirk.authorize(auth, token);
    } else {
      const m = auth === undefined ? null : /^bearer\s+(.+)$/i.exec(auth.trim());
      ok = m?.[1] !== undefined && safeEqual(m[1].trim(), token);
    }
    const apiKey = req.headers['x-api-key'];
    if (!ok && this.postman && typeof apiKey === 'string') ok = safeEqual(apiKey.trim(), token);
    if (ok) return;
    // The token is never echoed, only how to send it.
    const how = quirk?.authHint ?? 'Authorization: Bearer <token>';
    const detail =
      auth === undefined && apiKey === undefined
        ? `The request has no Authorization header; send ${how} with the token scim-check serve printed.`
        : `The credentials are not valid for this server; send ${how} with the token scim-check serve printed.`;
    const error = new ScimHttpError(401, detail, undefined, { 'www-authenticate': 'Bearer realm="scim-check"' });
    // Postman's /ResourceTypes 401 uses its generic error shape (okta-protocol.md §5.4).
    error.postmanProblem = this.postman && segments[0]?.toLowerCase() === 'resourcetypes';
    throw error;
  }

  private negotiate(req: IncomingMessage): void {
    const accept = req.headers.accept;
    for (const hook of this.hooks) hook.negotiate?.({ accept, contentType: undefined });
    if (accept === undefined || accept.trim() === '') return;
    const ok = accept.split(',').some((part) => {
      const type = (part.split(';')[0] ?? '').trim().toLowerCase();
      return type === '*/*' || type === 'application/*' || type === 'application/json' || type === 'application/scim+json';
    });
    if (!ok) throw new ScimHttpError(406, `The server answers application/scim+json or application/json, not "${accept}".`);
  }

  private route(ctx: Ctx): void {
    const [head, id, ...more] = ctx.segments;
    const resource = head?.toLowerCase();
    if (resource === 'users' || resource === 'groups') {
      if (more.length > 0) throw notFound(`There is no resource at ${ctx.segments.join('/')}.`);
      const kind: ResourceKind = resource === 'users' ? 'User' : 'Group';
      if (id === undefined) {
        if (ctx.method === 'GET') return this.list(ctx, kind);
        if (ctx.method === 'POST') return this.create(ctx, kind);
        throw methodNotAllowed(ctx.method, `/${head}`, 'GET, POST');
      }
      if (ctx.method === 'GET') return this.read(ctx, kind, id);
      if (ctx.method === 'PUT') return this.put(ctx, kind, id);
      if (ctx.method === 'PATCH') return this.patch(ctx, kind, id);
      if (ctx.method === 'DELETE') return this.delete(ctx, kind, id);
      throw methodNotAllowed(ctx.method, `/${head}/{id}`, 'GET, PUT, PATCH, DELETE');
    }
    if (resource === 'serviceproviderconfig' && id === undefined) {
      this.readOnlyEndpoint(ctx, '/ServiceProviderConfig');
      let config = serviceProviderConfig(this.store.baseUrl, this.config.maxPageSize, this.config.maxBodyBytes, this.postman);
      for (const hook of this.hooks) config = hook.serviceProviderConfig?.(config) ?? config;
      return this.sendJson(ctx, 200, config);
    }
    if (resource === 'resourcetypes' && more.length === 0) {
      this.readOnlyEndpoint(ctx, '/ResourceTypes');
      const all = resourceTypes(this.store.baseUrl);
      if (id !== undefined) return this.sendJson(ctx, 200, findDoc(all, id, 'ResourceType'));
      // Postman answers a bare JSON array, not a ListResponse (okta-protocol.md §5.2).
      if (this.postman) return this.sendJson(ctx, 200, all);
      return this.sendJson(ctx, 200, listResponse(all, all.length, 1));
    }
    if (resource === 'schemas' && more.length === 0 && !this.postman) {
      this.readOnlyEndpoint(ctx, '/Schemas');
      const all = schemas(this.store.baseUrl);
      if (id !== undefined) return this.sendJson(ctx, 200, findDoc(all, id, 'Schema'));
      return this.sendJson(ctx, 200, listResponse(all, all.length, 1));
    }
    throw notFound(`There is no SCIM endpoint at ${this.config.basePath}/${ctx.segments.join('/')}; try /Users or /Groups.`);
  }

  private readOnlyEndpoint(ctx: Ctx, name: string): void {
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, name, 'GET');
  }

  // ---- bodies ----------------------------------------------------------------------------------------------

  private jsonBody(ctx: Ctx): Json {
    if (ctx.bodyTooLarge) {
      throw new ScimHttpError(413, `The request body is over this server's limit of ${this.config.maxBodyBytes} bytes.`);
    }
    const type = ctx.req.headers['content-type'];
    if (type !== undefined) {
      for (const hook of this.hooks) hook.negotiate?.({ accept: undefined, contentType: type });
      if (!/^\s*application\/(scim\+)?json\s*(;|$)/i.test(type)) {
        throw new ScimHttpError(415, `Request bodies must be application/scim+json or application/json, not "${type}".`);
      }
    }
    if (ctx.body.trim() === '') throw badRequest('invalidSyntax', 'The request body is empty; send a JSON object.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.body);
    } catch (error) {
      const why = error instanceof Error ? error.message : 'unparseable';
      throw badRequest('invalidSyntax', `The request body is not valid JSON (${why}).`);
    }
    if (!isObject(parsed)) throw badRequest('invalidSyntax', 'The request body must be a JSON object.');
    return parsed;
  }

  // ---- endpoints ---------------------------------------------------------------------------------------------

  private list(ctx: Ctx, kind: ResourceKind): void {
    const startIndex = Math.max(1, intParam(ctx.query, 'startindex') ?? 1);
    const requested = intParam(ctx.query, 'count');
    const count = Math.min(this.config.maxPageSize, Math.max(0, requested ?? DEFAULT_PAGE_SIZE));
    const filterText = ctx.query.get('filter');
    let matches: StoredResource[];
    if (filterText === undefined || filterText.trim() === '') {
      matches = [...this.store.map(kind).values()];
    } else {
      const filter = parseFilter(filterText, SHAPES[kind], this.postman ? POSTMAN_FILTER[kind] : {});
      matches = this.filtered(kind, filter);
    }
    const filtered = filterText === undefined || filterText.trim() === '' ? undefined : filterText;
    for (const hook of this.hooks) matches = hook.listMatches?.(kind, matches, filtered) ?? matches;
    const page = matches.slice(startIndex - 1, startIndex - 1 + count);
    const projection = projectionOf(ctx.query, SHAPES[kind]);
    const resources = page.map((r) => this.render(kind, r, projection));
    this.sendJson(ctx, 200, listResponse(resources, matches.length, startIndex));
  }

  private filtered(kind: ResourceKind, filter: Filter): StoredResource[] {
    const caseExact = this.hooks.flatMap((h) => h.caseExactFilter ?? []);
    const evalOptions: EvalOptions = { allCaseExact: this.postman, caseExact: caseExact.length > 0 ? new Set(caseExact) : undefined };
    const pinned = indexableEq(filter, NAME_ATTR[kind]);
    // An index lookup, not a scan: `userName eq "…"` (Okta's existence check) stays O(1) at any size.
    const candidates = pinned === undefined ? this.store.map(kind).values() : this.store.findByName(kind, pinned);
    const out: StoredResource[] = [];
    for (const r of candidates) if (matchesFilter(r, filter, evalOptions)) out.push(r);
    return out;
  }

  private read(ctx: Ctx, kind: ResourceKind, id: string): void {
    const r = this.mustGet(kind, id);
    this.sendJson(ctx, 200, this.render(kind, r, projectionOf(ctx.query, SHAPES[kind])));
  }

  private mustGet(kind: ResourceKind, id: string): StoredResource {
    const r = this.store.get(kind, id);
    if (r === undefined) throw notFound(`${kind} ${id} not found.`);
    return r;
  }

  private create(ctx: Ctx, kind: ResourceKind): void {
    const body = this.jsonBody(ctx);
    const attrs = normalizeResource(body, SHAPES[kind]);
    if (kind === 'User' && attrs['active'] === undefined) attrs['active'] = true;
    if (kind === 'Group') this.checkMembers(attrs);
    // No await from here to the insert: the uniqueness check and the insert are one step (Node is single-threaded).
    if (kind === 'User') this.checkUnique(attrs, undefined);
    const r = this.store.insert(kind, attrs);
    this.sendJson(ctx, 201, this.render(kind, r, undefined), { location: String(r.meta['location']) });
  }

  private checkUnique(attrs: Json, selfId: string | undefined): void {
    const mode = this.hooks.find((h) => h.uniqueness !== undefined)?.uniqueness;
    if (mode === 'off') return;
    const userName = String(attrs['userName']);
    const clash = this.store
      .findByName('User', userName)
      .find((other) => other.id !== selfId && (mode !== 'exact' || other['userName'] === userName));
    if (clash !== undefined) {
      throw new ScimHttpError(409, `A user with userName "${userName}" already exists (userName is unique, ignoring case).`, 'uniqueness');
    }
  }

  /** Group members must name existing users or groups; `type` and `display` are filled in when missing. */
  private checkMembers(attrs: Json): void {
    const members = attrs['members'];
    if (!Array.isArray(members)) return;
    for (const m of members as Json[]) {
      const value = m['value'];
      if (typeof value !== 'string') throw badRequest('invalidValue', 'Every member needs a "value": the id of a user or group.');
      const user = this.store.get('User', value);
      const group = user === undefined ? this.store.get('Group', value) : undefined;
      if (user === undefined && group === undefined) {
        throw badRequest('invalidValue', `Member "${value}" is not the id of a user or group on this server.`);
      }
      m['type'] ??= user !== undefined ? 'User' : 'Group';
      m['display'] ??= user !== undefined ? user['userName'] : group?.['displayName'];
    }
  }

  private put(ctx: Ctx, kind: ResourceKind, id: string): void {
    if (this.postman && kind === 'Group') throw methodNotAllowed('PUT', '/Groups/{id}', 'GET, PATCH, DELETE');
    const body = this.jsonBody(ctx);
    const old = this.mustGet(kind, id);
    const oldAttrs = this.store.attributesOf(old);
    let attrs = normalizeResource(body, SHAPES[kind]);
    if (kind === 'User') {
      // Okta's PUT echoes the GET body, which never has the write-only password: keep it unless a new one is sent.
      if (attrs['password'] === undefined && oldAttrs['password'] !== undefined) attrs['password'] = oldAttrs['password'];
      if (attrs['active'] === undefined) attrs['active'] = oldAttrs['active'] ?? true;
      if (this.postman) attrs = postmanPut(oldAttrs, attrs);
      this.checkUnique(attrs, id);
    } else {
      this.checkMembers(attrs);
    }
    const r = this.commit(kind, old, attrs);
    this.sendJson(ctx, 200, this.render(kind, r, undefined));
  }

  /** Stores new attributes, unless a quirk stores them its own way. */
  private commit(kind: ResourceKind, old: StoredResource, attrs: Json): StoredResource {
    for (const hook of this.hooks) {
      const r = hook.commit?.(kind, old, attrs, this.store);
      if (r !== undefined) return r;
    }
    return this.store.replace(kind, old.id, attrs);
  }

  private patch(ctx: Ctx, kind: ResourceKind, id: string): void {
    const body = this.jsonBody(ctx);
    let r: StoredResource;
    try {
      for (const hook of this.hooks) hook.patchBody?.(body);
      let ops = readPatchBody(body);
      const old = this.mustGet(kind, id);
      for (const hook of this.hooks) ops = hook.patchOps?.(kind, ops) ?? ops;
      if (this.postman && kind === 'User') postmanPatchCheck(ops);
      const attrs = applyPatch(this.store.attributesOf(old), ops, SHAPES[kind]);
      checkRequired(attrs, SHAPES[kind]);
      if (kind === 'User') this.checkUnique(attrs, id);
      else this.checkMembers(attrs);
      r = this.commit(kind, old, attrs);
    } catch (error) {
      const swallowed = error instanceof ScimHttpError && this.hooks.some((h) => h.swallowPatchError?.(error) === true);
      if (!swallowed) throw error;
      r = this.mustGet(kind, id);
    }
    if (this.config.patch204) {
      ctx.res.writeHead(204);
      ctx.res.end();
      return;
    }
    const rendered = this.render(kind, r, projectionOf(ctx.query, SHAPES[kind]));
    // Postman's group PATCH answer omits members (okta-protocol.md §5.2).
    if (this.postman && kind === 'Group') delete rendered['members'];
    this.sendJson(ctx, 200, rendered);
  }

  private delete(ctx: Ctx, kind: ResourceKind, id: string): void {
    // Postman has no DELETE /Users: users are deactivated instead (okta-protocol.md §5.2).
    if (this.postman && kind === 'User') throw methodNotAllowed('DELETE', '/Users/{id}', 'GET, PUT, PATCH');
    if (!this.store.remove(kind, id)) throw notFound(`${kind} ${id} not found.`);
    ctx.res.writeHead(204);
    ctx.res.end();
  }

  // ---- output ------------------------------------------------------------------------------------------------

  /** The client's view of a stored resource: no password, computed User.groups, member $refs, projection. */
  private render(kind: ResourceKind, r: StoredResource, projection: Projection | undefined): Json {
    const out: Json = { ...r };
    delete out['password'];
    if (kind === 'User') {
      const groups = [...this.store.groupsOf(r.id)].flatMap((gid) => {
        const g = this.store.get('Group', gid);
        return g === undefined ? [] : [{ value: gid, $ref: g.meta['location'], display: g['displayName'], type: 'direct' }];
      });
      if (groups.length > 0) out['groups'] = groups;
      // Postman user resources carry no emails (okta-protocol.md §5.7).
      if (this.postman) delete out['emails'];
    } else if (Array.isArray(r['members'])) {
      out['members'] = (r['members'] as Json[]).map((m) => ({
        ...m,
        $ref: `${this.store.baseUrl}/${m['type'] === 'Group' ? 'Groups' : 'Users'}/${String(m['value'])}`,
      }));
    }
    return projection === undefined ? out : project(out, projection);
  }

  private sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
    send(ctx.req, ctx.res, this.bend(ctx.op, { status, headers, body, contentType: this.contentType() }));
  }

  /** Every answer passes the quirks' answer hooks last. */
  private bend(op: Operation, answer: Answer): Answer {
    let out = answer;
    for (const hook of this.hooks) out = hook.answer?.(op, out) ?? out;
    return out;
  }

  private contentType(): string {
    return this.postman ? 'application/json; charset=utf-8' : 'application/scim+json; charset=utf-8';
  }

  sendError(req: IncomingMessage, res: ServerResponse, error: ScimHttpError, op: Operation): void {
    const headers = { ...error.headers };
    const errorOp: Operation = { ...op, error };
    if (error.postmanProblem) {
      const problem = { type: 'https://api.postman.com/problems/unauthorized', title: 'Unauthorized', detail: error.message, status: error.status };
      send(req, res, this.bend(errorOp, { status: error.status, headers, body: problem, contentType: 'application/json; charset=utf-8' }));
      return;
    }
    const body: Json = { schemas: [ERROR_SCHEMA] };
    if (error.scimType !== undefined) body['scimType'] = error.scimType;
    body['detail'] = error.message;
    // RFC 7644 §3.12: status is a string.
    body['status'] = String(error.status);
    send(req, res, this.bend(errorOp, { status: error.status, headers, body, contentType: this.contentType() }));
  }
}

/** What a request asks for, from its method and path, so error answers can be bent like successes. */
function operationOf(method: string, segments: readonly string[], query: ReadonlyMap<string, string>): Operation {
  const [head, id, ...more] = segments;
  const resource = head?.toLowerCase();
  const kind: ResourceKind | undefined = resource === 'users' ? 'User' : resource === 'groups' ? 'Group' : undefined;
  let action: Action = 'other';
  if (kind !== undefined && more.length === 0) {
    if (id === undefined) action = method === 'GET' ? 'list' : method === 'POST' ? 'create' : 'other';
    else action = ({ GET: 'read', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' } as Record<string, Action>)[method] ?? 'other';
  } else if (resource === 'serviceproviderconfig' || resource === 'resourcetypes' || resource === 'schemas') {
    action = 'discovery';
  }
  return { method, action, kind, query };
}

function otherOp(req: IncomingMessage): Operation {
  return { method: req.method ?? 'GET', action: 'other', kind: undefined, query: new Map() };
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  let payload: Buffer = Buffer.from(text, 'utf8');
  const out: Record<string, string | number> = { ...answer.headers };
  if (answer.contentType !== undefined) out['content-type'] = answer.contentType;
  if (payload.length > 0 && acceptsGzip(req.headers['accept-encoding'])) {
    payload = gzipSync(payload);
    out['content-encoding'] = 'gzip';
    out['vary'] = 'Accept-Encoding';
  }
  out['content-length'] = payload.length;
  res.writeHead(answer.status, out);
  res.end(payload);
}

function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    return name === 'gzip' && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

function methodNotAllowed(method: string, where: string, allow: string): ScimHttpError {
  return new ScimHttpError(405, `${method} is not supported on ${where}; allowed: ${allow}.`, undefined, { allow });
}

function findDoc(docs: Json[], id: string, what: string): Json {
  const doc = docs.find((d) => typeof d['id'] === 'string' && d['id'].toLowerCase() === id.toLowerCase());
  if (doc === undefined) throw notFound(`${what} ${id} not found.`);
  return doc;
}

function listResponse(resources: Json[], total: number, startIndex: number): Json {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function intParam(query: Map<string, string>, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest('invalidValue', `The query parameter ${name === 'startindex' ? 'startIndex' : name} must be an integer, not "${raw}".`);
  return n;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage, limit: number): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        // Draining lets the client finish sending and read the 413; past DRAIN_LIMIT it is not worth it.
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', () => resolve({ text: '', tooLarge }));
    req.on('close', () => resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge }));
  });
}

// ---- Postman profile ----------------------------------------------------------------------------------------

/** Postman's PUT /Users updates only the name and active (okta-protocol.md §5.2). */
function postmanPut(old: Json, incoming: Json): Json {
  const next: Json = { ...old };
  const name = incoming['name'];
  if (isObject(name)) {
    const oldName = isObject(old['name']) ? old['name'] : {};
    const merged: Json = { ...oldName };
    if (name['givenName'] !== undefined) merged['givenName'] = name['givenName'];
    if (name['familyName'] !== undefined) merged['familyName'] = name['familyName'];
    next['name'] = merged;
  }
  if (incoming['active'] !== undefined) next['active'] = incoming['active'];
  return next;
}

/** Postman's PATCH /Users takes only replace of {active} without a path, or path "userName". */
function postmanPatchCheck(ops: readonly PatchOperation[]): void {
  for (const o of ops) {
    const ok =
      o.op === 'replace' &&
      ((o.path === undefined && isObject(o.value) && Object.keys(o.value).every((k) => k.toLowerCase() === 'active')) ||
        o.path?.toLowerCase() === 'username');
    if (!ok) {
      throw badRequest('invalidValue', 'Postman accepts only {"op":"replace","value":{"active":…}} or {"op":"replace","path":"userName",…} on a user.');
    }
  }
}

// ---- attributes / excludedAttributes (RFC 7644 §3.4.2.5) -------------------------------------------------------

interface Projection {
  mode: 'include' | 'exclude';
  /** Holder ('' = core, else an extension URN) → top attribute → sub-attributes (empty = the whole attribute). */
  paths: Map<string, Map<string, Set<string>>>;
}

function projectionOf(query: Map<string, string>, shape: ResourceShape): Projection | undefined {
  const include = query.get('attributes');
  const exclude = query.get('excludedattributes');
  const text = include ?? exclude;
  if (text === undefined || text.trim() === '') return undefined;
  const paths = new Map<string, Map<string, Set<string>>>();
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    const resolved = resolvePath(shape, name);
    // Unknown names are ignored, as RFC 7644 §3.4.2.5 gives no error for them.
    if (resolved === undefined) continue;
    const holder = resolved.extension?.id ?? '';
    let tops = paths.get(holder);
    if (tops === undefined) paths.set(holder, (tops = new Map()));
    let subs = tops.get(resolved.attr.name);
    if (subs === undefined) tops.set(resolved.attr.name, (subs = new Set()));
    if (resolved.sub !== undefined) subs.add(resolved.sub.name);
    else subs.add('*');
  }
  return { mode: include !== undefined ? 'include' : 'exclude', paths };
}

const ALWAYS = new Set(['id', 'schemas']);

function project(resource: Json, projection: Projection): Json {
  const core = projection.paths.get('') ?? new Map<string, Set<string>>();
  if (projection.mode === 'exclude') {
    const out: Json = { ...resource };
    for (const [name, subs] of core) {
      if (ALWAYS.has(name)) continue;
      if (subs.has('*')) delete out[name];
      else out[name] = dropSubs(out[name], subs);
    }
    for (const [urn, tops] of projection.paths) {
      if (urn === '' || !isObject(out[urn])) continue;
      const ext: Json = { ...(out[urn] as Json) };
      for (const name of tops.keys()) delete ext[name];
      out[urn] = ext;
    }
    return out;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS.has(key)) out[key] = value;
    const subs = core.get(key);
    if (subs !== undefined) out[key] = subs.has('*') ? value : keepSubs(value, subs);
    const ext = projection.paths.get(key);
    if (ext !== undefined && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).filter(([k]) => ext.has(k)));
    }
  }
  return out;
}

function keepSubs(value: unknown, subs: Set<string>): unknown {
  const pick = (o: unknown): unknown => (isObject(o) ? Object.fromEntries(Object.entries(o).filter(([k]) => subs.has(k))) : o);
  return Array.isArray(value) ? value.map(pick) : pick(value);
}

function dropSubs(value: unknown, subs: Set<string>): unknown {
  const drop = (o: unknown): unknown => (isObject(o) ? Object.fromEntries(Object.entries(o).filter(([k]) => !subs.has(k))) : o);
  return Array.isArray(value) ? value.map(drop) : drop(value);
}
