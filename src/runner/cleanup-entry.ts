// Removes one resource and finds out whether it is really gone: every DELETE is followed by a GET, a 404 counts
// only when that GET confirms it, and a user the server cannot delete is deactivated as Okta does (then listed as
// left). Every exchange is kept, in order, for the reports.
import type { Exchange, HttpRequest, Transport } from '../http/types.js';
import { deactivationFor, messageOf, pathBelowBase, readHeaders, redactedRequestOf } from './cleanup-lookup.js';
import { sendWithRetry } from './rate-limit.js';
import type { CleanupItem } from './types.js';
import { isPlainObject as isObject } from '../shared/is-plain-object.js';

/** A resource the run knows how to remove. */
export interface CleanupEntry {
  suiteId: string;
  stepId: string;
  /** Fully expanded requests, tried in order; the first is normally the DELETE, later ones are fallbacks. */
  requests: HttpRequest[];
  /** The server's id, when the run learnt it (listed when the resource is left). */
  id?: string | undefined;
  /** How the run found it, when a lookup did (e.g. 'userName eq "scim-check-…"'), for the report. */
  foundBy?: string | undefined;
}

/** What the steps themselves did to a resource path: deleted it, and saw it gone afterwards. */
export interface StepHistory {
  deletedBy?: string | undefined;
  confirmedBy?: string | undefined;
}

export interface DrainContext {
  transport: Transport;
  baseUrl: string;
  signal?: AbortSignal | undefined;
  /** By URL path (pathname), what steps did to it. */
  history: ReadonlyMap<string, StepHistory>;
}

type Presence = { kind: 'gone' } | { kind: 'present'; json: Record<string, unknown> } | { kind: 'unknown'; why: string };

/** Sends and keeps every exchange (or the redacted request of a failed one), in order. */
class Wire {
  readonly exchanges: Exchange[] = [];
  readonly requests: HttpRequest[] = [];
  constructor(private readonly ctx: DrainContext) {}

  async send(request: HttpRequest): Promise<{ exchange: Exchange } | { error: string }> {
    try {
      const exchange = await sendWithRetry(this.ctx.transport, request, this.ctx.signal, []);
      this.exchanges.push(exchange);
      this.requests.push(exchange.request);
      return { exchange };
    } catch (error) {
      const redacted = redactedRequestOf(error);
      if (redacted !== undefined) this.requests.push(redacted);
      return { error: messageOf(error) };
    }
  }

  /**
   * GET the resource: 404/410 with an empty or JSON body is gone. Any other 404 (an HTML "Cannot GET" page) proves
   * nothing unless `after2xxDelete`: once the server accepted the DELETE, a 404 of any shape means it is gone.
   */
  async presence(url: string, headers: Record<string, string>, after2xxDelete = false): Promise<Presence> {
    const sent = await this.send({ method: 'GET', url, headers: readHeaders(headers) });
    const label = `GET ${pathOf(url)}`;
    if ('error' in sent) return { kind: 'unknown', why: `${label} failed: ${sent.error}` };
    const { status, json, body } = sent.exchange.response;
    if ((status === 404 || status === 410) && (after2xxDelete || body.trim() === '' || json !== undefined)) return { kind: 'gone' };
    if (status >= 200 && status < 300 && isObject(json)) return { kind: 'present', json };
    if (status === 404 || status === 410) return { kind: 'unknown', why: `${label} answered ${status} with a page that is not a SCIM Error (is GET routed?)` };
    return { kind: 'unknown', why: `${label} answered ${status}` };
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function describe(request: HttpRequest): string {
  return `${request.method} ${pathOf(request.url)}`;
}

/** A 404 whose body is not JSON (an HTML "Cannot DELETE" page), 405 or 501: the route does not exist. */
function deleteUnsupported(exchange: Exchange): boolean {
  const { status, json, body } = exchange.response;
  return status === 405 || status === 501 || (status === 404 && json === undefined && body.trim() !== '');
}

/** Removes one entry and says, with evidence, what became of it. Never throws for target failures. */
export async function drainEntry(entry: CleanupEntry, ctx: DrainContext): Promise<CleanupItem> {
  const wire = new Wire(ctx);
  const first = entry.requests[0];
  const resource = first === undefined ? undefined : pathBelowBase(first.url, ctx.baseUrl);
  const item = (outcome: CleanupItem['outcome'], detail: string): CleanupItem => ({
    suiteId: entry.suiteId,
    stepId: entry.stepId,
    requests: wire.requests,
    outcome,
    detail: entry.foundBy === undefined ? detail : `${entry.foundBy}; ${detail}`,
    exchanges: wire.exchanges,
    ...(resource === undefined ? {} : { resource }),
    ...(entry.id === undefined ? {} : { id: entry.id }),
  });
  if (first === undefined) return item('failed', 'nothing describes how to remove it');
  if (first.method.toUpperCase() !== 'DELETE') return drainWithoutDelete(entry, wire, item);

  const notes: string[] = [];
  const seen = ctx.history.get(pathOf(first.url));
  if (seen?.deletedBy !== undefined) {
    if (seen.confirmedBy !== undefined) return item('gone', `deleted by step ${seen.deletedBy}, and step ${seen.confirmedBy} then got 404; nothing sent`);
    const now = await wire.presence(first.url, first.headers, true);
    if (now.kind === 'gone') return item('gone', `deleted by step ${seen.deletedBy}; GET confirms it is gone (404)`);
    notes.push(`step ${seen.deletedBy} deleted it, but ${now.kind === 'present' ? `GET ${pathOf(first.url)} still answers it` : now.why}`);
  }

  const deleted = await wire.send(first);
  let deleteOk = false;
  if ('error' in deleted) notes.push(`${describe(first)} failed: ${deleted.error}`);
  else if (deleted.exchange.response.status >= 200 && deleted.exchange.response.status < 300) {
    deleteOk = true;
    notes.push(`${describe(first)} answered ${deleted.exchange.response.status}`);
  } else if (deleteUnsupported(deleted.exchange)) {
    const { status, json } = deleted.exchange.response;
    notes.push(`${describe(first)} is not supported (${status}${status === 404 && json === undefined ? ', a page that is not a SCIM Error' : ''})`);
  } else notes.push(`${describe(first)} answered ${deleted.exchange.response.status}`);

  const after = await wire.presence(first.url, first.headers, deleteOk);
  if (after.kind === 'gone') return item(deleteOk ? 'deleted' : 'gone', `${notes.join('; ')}; GET confirms it is gone (404)`);
  if (after.kind === 'unknown') return item('failed', `${leftLabel(resource, entry.id)} may be left on the server: ${notes.join('; ')}; ${after.why}, so it is not confirmed gone`);
  notes.push(`GET ${pathOf(first.url)} still answers it`);

  const fallbacks = entry.requests.slice(1);
  const deactivation = deactivationFor(first, ctx.baseUrl);
  if (deactivation !== undefined && !fallbacks.some((r) => r.method.toUpperCase() === 'PATCH' || r.method.toUpperCase() === 'PUT')) fallbacks.push(deactivation);
  for (const fallback of fallbacks) {
    if (ctx.signal?.aborted === true) break;
    const sent = await wire.send(fallback);
    if ('error' in sent) {
      notes.push(`${describe(fallback)} failed: ${sent.error}`);
      continue;
    }
    const status = sent.exchange.response.status;
    if (status < 200 || status >= 300) {
      notes.push(`${describe(fallback)} answered ${status}`);
      continue;
    }
    const check = await wire.presence(first.url, first.headers, fallback.method.toUpperCase() === 'DELETE');
    if (check.kind === 'gone') return item('deleted', `${notes.join('; ')}; ${describe(fallback)} answered ${status}; GET confirms it is gone (404)`);
    if (check.kind === 'unknown') {
      notes.push(`${describe(fallback)} answered ${status}; ${check.why}`);
      continue;
    }
    const active = check.json['active'];
    if (active === false || (active === undefined && fallback.method.toUpperCase() !== 'DELETE')) {
      const shown = active === false ? 'GET confirms active: false' : 'GET does not show active';
      return item('fallback', `${notes.join('; ')}; deactivated instead: ${describe(fallback)} answered ${status}, ${shown}; ${leftLabel(resource, entry.id)} is left on the server, deactivated`);
    }
    notes.push(`${describe(fallback)} answered ${status}, but GET still shows active: ${JSON.stringify(active)}`);
  }
  return item('failed', `${leftLabel(resource, entry.id)} may be left on the server: ${notes.join('; ')}`);
}

/** A suite cleanup that is not a DELETE (e.g. a custom PATCH): the first 2xx ends it; nothing to confirm it by. */
async function drainWithoutDelete(entry: CleanupEntry, wire: Wire, item: (o: CleanupItem['outcome'], d: string) => CleanupItem): Promise<CleanupItem> {
  const notes: string[] = [];
  for (const request of entry.requests) {
    const sent = await wire.send(request);
    if ('error' in sent) notes.push(`${describe(request)} failed: ${sent.error}`);
    else if (sent.exchange.response.status >= 200 && sent.exchange.response.status < 300) {
      return item('deleted', [...notes, `${describe(request)} answered ${sent.exchange.response.status}`].join('; '));
    } else notes.push(`${describe(request)} answered ${sent.exchange.response.status}`);
  }
  return item('failed', `may be left on the server: ${notes.join('; ')}`);
}

function leftLabel(resource: string | undefined, id: string | undefined): string {
  if (resource !== undefined) return id === undefined ? resource : `${resource} (id ${JSON.stringify(id)})`;
  return id === undefined ? 'the resource' : `id ${JSON.stringify(id)}`;
}
