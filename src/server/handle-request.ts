// The SCIM protocol over node:http: routing, auth, content negotiation, the endpoints, the quirks and the postman
// profile. Every failure leaves as an HTTP answer (a SCIM Error unless a quirk says otherwise), never as a crash.
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
import type { Quirk, QuirkName } from './quirks.js';
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
}

export class RequestHandler {
  private readonly quirks: ReadonlyMap<QuirkName, Quirk>;
  private readonly rateLimited = new Set<string>();
  private listCounter = 0;
  private readonly pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(
    private readonly config: HandlerConfig,
    private readonly store: ResourceStore,
    private readonly received: ReceivedRequest[],
  ) {
    this.quirks = new Map(config.quirks.map((q) => [q.name, q]));
  }

  private has(name: QuirkName): boolean {
    return this.quirks.has(name);
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
        this.sendError(req, res, new ScimHttpError(500, `Internal error in the reference server: ${detail}`));
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

    const slow = this.quirks.get('slow');
    if (slow?.value !== undefined && slow.value > 0) await this.delay(slow.value);
    if (res.destroyed) return;

    if (this.has('cdn-502')) {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/plain; charset=UTF-8' });
      res.end('error code: 502');
      return;
    }
    const rateLimit = this.has('rate-limit') || this.has('rate-limit-http-date') || this.has('rate-limit-no-retry-after');
    if (rateLimit) {
      const key = `${req.method ?? ''} ${path}`;
      if (!this.rateLimited.has(key)) {
        this.rateLimited.add(key);
        const headers: Record<string, string> = {};
        if (this.has('rate-limit')) headers['retry-after'] = '1';
        else if (this.has('rate-limit-http-date')) headers['retry-after'] = new Date(Date.now() + 1000).toUTCString();
        this.sendError(req, res, new ScimHttpError(429, 'Too many requests; retry later.', undefined, headers));
        return;
      }
    }

    try {
      const segments = this.segmentsOf(path);
      const query = new Map<string, string>();
      for (const [k, v] of new URLSearchParams(rawQuery)) query.set(k.toLowerCase(), v);
      const ctx: Ctx = { req, res, method: (req.method ?? 'GET').toUpperCase(), segments, query, body: text, bodyTooLarge: tooLarge };
      this.authenticate(req, segments);
      this.negotiate(req);
      this.route(ctx);
    } catch (error) {
      if (error instanceof ScimHttpError) this.sendError(req, res, error);
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
    let ok = false;
    if (this.has('token-without-bearer')) {
      ok = auth !== undefined && safeEqual(auth.trim(), token);
    } else {
      const m = auth === undefined ? null : /^bearer\s+(.+)$/i.exec(auth.trim());
      ok = m?.[1] !== undefined && safeEqual(m[1].trim(), token);
    }
    const apiKey = req.headers['x-api-key'];
    if (!ok && this.postman && typeof apiKey === 'string') ok = safeEqual(apiKey.trim(), token);
    if (ok) return;
    // The token is never echoed, only how to send it.
    const how = this.has('token-without-bearer') ? 'Authorization: <token>' : 'Authorization: Bearer <token>';
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
    if (accept === undefined || accept.trim() === '') return;
    if (this.has('reject-scim-json-accept') && /application\/scim\+json/i.test(accept)) {
      throw new ScimHttpError(406, 'This server cannot produce application/scim+json; ask for application/json.');
    }
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
      return this.sendJson(ctx, 200, serviceProviderConfig(this.store.baseUrl, this.config.maxPageSize, this.config.maxBodyBytes, this.postman));
    }
    if (resource === 'resourcetypes' && more.length === 0) {
      this.readOnlyEndpoint(ctx, '/ResourceTypes');
      const all = resourceTypes(this.store.baseUrl);
      if (id !== undefined) return this.sendJson(ctx, 200, findDoc(all, id, 'ResourceType'));
      // Postman answers a bare JSON array, not a ListResponse (okta-protocol.md §5.2).
      if (this.postman) return this.sendJson(ctx, 200, all);
      return this.sendJson(ctx, 200, listResponse(all, all.length, 1, false));
    }
    if (resource === 'schemas' && more.length === 0 && !this.postman) {
      this.readOnlyEndpoint(ctx, '/Schemas');
      const all = schemas(this.store.baseUrl);
      if (id !== undefined) return this.sendJson(ctx, 200, findDoc(all, id, 'Schema'));
      return this.sendJson(ctx, 200, listResponse(all, all.length, 1, false));
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
      if (this.has('reject-scim-json-content-type') && /application\/scim\+json/i.test(type)) {
        throw new ScimHttpError(415, 'This server does not accept application/scim+json bodies; send application/json.');
      }
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
      if (kind === 'User' && this.has('filter-hides-inactive')) matches = matches.filter((r) => r['active'] !== false);
      if (matches.length === 0 && this.has('filter-404')) throw notFound(`No ${kind} matches the filter ${filterText}.`);
    }
    this.listCounter++;
    if (this.has('unstable-order') && this.listCounter % 2 === 0) matches.reverse();
    const page = matches.slice(startIndex - 1, startIndex - 1 + count);
    const projection = projectionOf(ctx.query, SHAPES[kind]);
    const resources = page.map((r) => this.render(kind, r, projection));
    this.sendJson(ctx, 200, listResponse(resources, matches.length, startIndex, this.has('string-counts')));
  }

  private filtered(kind: ResourceKind, filter: Filter): StoredResource[] {
    const evalOptions: EvalOptions = {
      allCaseExact: this.postman,
      caseExact: this.has('filter-case-sensitive') ? new Set(['username']) : undefined,
    };
    const pinned = indexableEq(filter, NAME_ATTR[kind]);
    // An index lookup, not a scan: `userName eq "…"` (Okta's existence check) stays O(1) at any size.
    const candidates = pinned === undefined ? this.store.map(kind).values() : this.store.findByName(kind, pinned);
    const out: StoredResource[] = [];
    for (const r of candidates) if (matchesFilter(r, filter, evalOptions)) out.push(r);
    return out;
  }

  private read(ctx: Ctx, kind: ResourceKind, id: string): void {
    const r = this.mustGet(kind, id);
    this.sendJson(ctx, 200, this.render(kind, r, projectionOf(ctx.query, SHAPES[kind])), etag(r));
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
    if (kind === 'User' && !this.has('duplicate-create-201')) this.checkUnique(attrs, undefined);
    const r = this.store.insert(kind, attrs);
    const status = this.has('create-200') ? 200 : 201;
    const headers = { location: String(r.meta['location']), ...etag(r) };
    if (this.has('create-empty-body')) {
      ctx.res.writeHead(status, headers);
      ctx.res.end();
      return;
    }
    this.sendJson(ctx, status, this.render(kind, r, undefined), headers);
  }

  private checkUnique(attrs: Json, selfId: string | undefined): void {
    const userName = String(attrs['userName']);
    const clash = this.store.findByName('User', userName).find((other) => other.id !== selfId);
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
    this.sendJson(ctx, 200, this.render(kind, r, undefined), etag(r));
  }

  /** Stores new attributes; the deactivate-deletes and reactivate-new-id quirks bend what that means for users. */
  private commit(kind: ResourceKind, old: StoredResource, attrs: Json): StoredResource {
    if (kind === 'User') {
      const wasActive = old['active'] !== false;
      const isActive = attrs['active'] !== false;
      if (wasActive && !isActive && this.has('deactivate-deletes')) {
        const r = this.store.replace(kind, old.id, attrs);
        this.store.remove(kind, old.id);
        return r;
      }
      if (!wasActive && isActive && this.has('reactivate-new-id')) return this.store.moveUser(old.id, attrs);
    }
    return this.store.replace(kind, old.id, attrs);
  }

  private patch(ctx: Ctx, kind: ResourceKind, id: string): void {
    const body = this.jsonBody(ctx);
    let ops = readPatchBody(body);
    const old = this.mustGet(kind, id);
    ops = this.patchQuirks(kind, ops);
    if (this.postman && kind === 'User') postmanPatchCheck(ops);
    const attrs = applyPatch(this.store.attributesOf(old), ops, SHAPES[kind]);
    checkRequired(attrs, SHAPES[kind]);
    if (kind === 'User') this.checkUnique(attrs, id);
    else this.checkMembers(attrs);
    const r = this.commit(kind, old, attrs);
    if (this.config.patch204) {
      ctx.res.writeHead(204, etag(r));
      ctx.res.end();
      return;
    }
    const rendered = this.render(kind, r, projectionOf(ctx.query, SHAPES[kind]));
    // Postman's group PATCH answer omits members (okta-protocol.md §5.2).
    if (this.postman && kind === 'Group') delete rendered['members'];
    this.sendJson(ctx, 200, rendered, etag(r));
  }

  private patchQuirks(kind: ResourceKind, ops: PatchOperation[]): PatchOperation[] {
    const pathless = ops.some((o) => o.path === undefined);
    if (pathless && this.has('patch-pathless-500')) {
      throw new ScimHttpError(500, "TypeError: Cannot read properties of undefined (reading 'split')");
    }
    if (pathless && this.has('patch-pathless-400')) {
      throw badRequest('invalidPath', 'Every PATCH operation needs a "path".');
    }
    if (kind === 'Group' && this.has('group-rename-id-rejected')) {
      const withId = ops.some((o) => o.path === undefined && isObject(o.value) && Object.keys(o.value).some((k) => k.toLowerCase() === 'id'));
      if (withId) throw badRequest('mutability', 'Attribute "id" is readOnly and cannot be replaced.');
    }
    if (kind === 'Group' && this.has('members-replace-empty-ignored')) {
      return ops.filter((o) => !(o.op === 'replace' && o.path?.toLowerCase() === 'members' && Array.isArray(o.value) && o.value.length === 0));
    }
    return ops;
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
    send(ctx.req, ctx.res, status, JSON.stringify(body), this.contentType(), headers);
  }

  private contentType(): string {
    return this.postman ? 'application/json; charset=utf-8' : 'application/scim+json; charset=utf-8';
  }

  sendError(req: IncomingMessage, res: ServerResponse, error: ScimHttpError): void {
    const headers = { ...error.headers };
    if (error.status === 401 && this.has('unauthorized-no-body')) {
      res.writeHead(401, headers);
      res.end();
      return;
    }
    if (this.has('html-errors')) {
      const html = `<!DOCTYPE html>\n<html><head><title>${error.status} Error</title></head><body><h1>${error.status} Error</h1><p>${escapeHtml(error.message)}</p></body></html>\n`;
      send(req, res, error.status, html, 'text/html; charset=UTF-8', headers);
      return;
    }
    if (error.postmanProblem) {
      const problem = { type: 'https://api.postman.com/problems/unauthorized', title: 'Unauthorized', detail: error.message, status: error.status };
      send(req, res, error.status, JSON.stringify(problem), 'application/json; charset=utf-8', headers);
      return;
    }
    const body: Json = { schemas: [ERROR_SCHEMA] };
    if (error.scimType !== undefined) body['scimType'] = error.scimType;
    body['detail'] = error.message;
    // RFC 7644 §3.12: status is a string; the error-status-integer quirk sends Okta's own integer form.
    body['status'] = this.has('error-status-integer') ? error.status : String(error.status);
    send(req, res, error.status, JSON.stringify(body), this.contentType(), headers);
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string>): void {
  let payload: Buffer = Buffer.from(text, 'utf8');
  const out: Record<string, string | number> = { ...headers, 'content-type': contentType };
  if (payload.length > 0 && acceptsGzip(req.headers['accept-encoding'])) {
    payload = gzipSync(payload);
    out['content-encoding'] = 'gzip';
    out['vary'] = 'Accept-Encoding';
  }
  out['content-length'] = payload.length;
  res.writeHead(status, out);
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

function listResponse(resources: Json[], total: number, startIndex: number, stringCounts: boolean): Json {
  const n = (v: number): number | string => (stringCounts ? String(v) : v);
  return {
    schemas: [LIST_SCHEMA],
    totalResults: n(total),
    startIndex: n(startIndex),
    itemsPerPage: n(resources.length),
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

function etag(r: StoredResource): Record<string, string> {
  return { etag: String(r.meta['version']) };
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

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
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
