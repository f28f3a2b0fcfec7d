// Finding what a run may have created without learning its id: a filter on the unique value the create carried
// (userName, displayName or externalId with the run id in it), checked again on our side so a server that ignores
// the filter can never make cleanup touch a resource the run did not create.
import type { Exchange, HttpRequest, Transport } from '../http/types.js';
import { isPlainObject as isObject } from '../shared/is-plain-object.js';
import { encodeSegment } from './path-segments.js';
import { sendWithRetry } from './rate-limit.js';
import { requestUrl } from './request-url.js';

/** Attributes that identify what a create made, in the order they are preferred. */
export const KEY_ATTRIBUTES = ['userName', 'displayName', 'externalId'] as const;
export type KeyAttribute = (typeof KEY_ATTRIBUTES)[number];

/** The unique value a create was keyed by, and where the resource lives. */
export interface CreateKey {
  /** Path of the collection below the base URL, as the suite wrote it ('/Users'). */
  collection: string;
  attribute: KeyAttribute;
  value: string;
}

/** A resource a lookup found and verified. */
export interface FoundResource {
  id: string;
  value: string;
  json: Record<string, unknown>;
}

export type LookupResult =
  | { ok: true; found: FoundResource[]; exchanges: Exchange[]; requests: HttpRequest[] }
  | { ok: false; why: string; exchanges: Exchange[]; requests: HttpRequest[] };

/** A server that pages its answer is followed this far; what lies beyond is reported, never guessed at. */
export const LOOKUP_MAX_PAGES = 20;

/** userName and displayName are caseExact false (RFC 7643 §4.1.1, §4.2); externalId is caseExact true (§3.1). */
function sameValue(attribute: KeyAttribute, a: string, b: string): boolean {
  return attribute === 'externalId' ? a === b : a.toLowerCase() === b.toLowerCase();
}

function attributeOf(json: Record<string, unknown>, attribute: string): unknown {
  // Attribute names are case-insensitive (RFC 7643 §2.1).
  const name = Object.keys(json).find((k) => k.toLowerCase() === attribute.toLowerCase());
  return name === undefined ? undefined : json[name];
}

/**
 * The key of a request that creates something: a POST to a collection whose JSON body carries the run id in
 * userName, displayName or externalId. Anything else is not looked up later (a value without the run id could
 * name a resource someone else created).
 */
export function createKeyOf(request: HttpRequest, baseUrl: string, runId: string): CreateKey | undefined {
  if (request.method.toUpperCase() !== 'POST' || request.body === undefined || runId === '') return undefined;
  const collection = collectionOf(request.url, baseUrl);
  if (collection === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return undefined;
  }
  if (!isObject(body)) return undefined;
  for (const attribute of KEY_ATTRIBUTES) {
    const value = attributeOf(body, attribute);
    if (typeof value === 'string' && value.toLowerCase().includes(runId.toLowerCase())) return { collection, attribute, value };
  }
  return undefined;
}

/** '/Users' for http://h/scim/v2/Users when the base is http://h/scim/v2; undefined for deeper paths. */
export function collectionOf(url: string, baseUrl: string): string | undefined {
  const path = pathBelowBase(url, baseUrl);
  return path !== undefined && /^\/[^/]+$/.test(path) && !path.startsWith('/.') ? path : undefined;
}

/** The path of `url` below the base URL ('/Users/abc'), or undefined when it is not under it. */
export function pathBelowBase(url: string, baseUrl: string): string | undefined {
  try {
    const target = new URL(url);
    const base = new URL(baseUrl);
    const basePath = base.pathname.replace(/\/+$/, '');
    if (target.origin !== base.origin || !target.pathname.startsWith(`${basePath}/`)) return undefined;
    return target.pathname.slice(basePath.length);
  } catch {
    return undefined;
  }
}

/** Headers for the run's own lookups and confirmations: the step's, without body headers. */
export function readHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^content-(type|length|encoding)$/i.test(name)) out[name] = value;
  }
  return out;
}

/**
 * Looks resources up with `filter` and keeps those whose key attribute passes `matches`: a server that ignores the
 * filter and answers with everything cannot widen what cleanup touches.
 */
export async function lookUp(
  transport: Transport,
  options: { baseUrl: string; collection: string; attribute: KeyAttribute; filter: string; headers: Record<string, string>; matches: (value: string) => boolean },
  signal: AbortSignal | undefined,
): Promise<LookupResult> {
  const found: FoundResource[] = [];
  const exchanges: Exchange[] = [];
  const requests: HttpRequest[] = [];
  const what = `GET ${options.collection}?filter=${options.filter}`;
  // A server may page its answer whatever the filter matched (a small default page size): the lookup follows the
  // pages as Okta's import does, so a run that created more than one page of resources still finds them all.
  let startIndex = 1;
  for (let page = 1; ; page += 1) {
    const query: Array<[string, string]> = [['filter', options.filter]];
    if (page > 1) query.push(['startIndex', String(startIndex)]);
    const request: HttpRequest = { method: 'GET', url: requestUrl(options.baseUrl, options.collection, query, undefined), headers: readHeaders(options.headers) };
    let exchange: Exchange;
    try {
      exchange = await sendWithRetry(transport, request, signal, []);
    } catch (error) {
      const redacted = redactedRequestOf(error);
      if (redacted !== undefined) requests.push(redacted);
      return { ok: false, why: `${what}${page > 1 ? ` (page ${page})` : ''} failed: ${messageOf(error)}`, exchanges, requests };
    }
    exchanges.push(exchange);
    requests.push(exchange.request);
    const { status, json } = exchange.response;
    // Okta itself accepts a 404 SCIM Error as "no match" for its userName look-up.
    if (status === 404 && json !== undefined && page === 1) return { ok: true, found, exchanges, requests };
    if (status !== 200) return { ok: false, why: `${what} answered ${status}${page > 1 ? ` on page ${page}` : ''}`, exchanges, requests };
    const resources = isObject(json) ? json['Resources'] : undefined;
    const total = isObject(json) ? Number(json['totalResults']) : Number.NaN;
    if (resources === undefined && total === 0) return { ok: true, found, exchanges, requests };
    if (!Array.isArray(resources)) return { ok: false, why: `${what} answered 200 without a Resources list`, exchanges, requests };
    for (const resource of resources) {
      if (!isObject(resource)) continue;
      const id = resource['id'];
      const value = attributeOf(resource, options.attribute);
      if (typeof id !== 'string' || id === '' || typeof value !== 'string' || !options.matches(value)) continue;
      found.push({ id, value, json: resource });
    }
    const pageStart = page === 1 ? 1 : startIndex;
    startIndex = pageStart + resources.length;
    if (resources.length === 0 || !Number.isFinite(total) || startIndex > total) return { ok: true, found, exchanges, requests };
    if (page >= LOOKUP_MAX_PAGES) {
      return { ok: false, why: `${what} still had more pages after ${LOOKUP_MAX_PAGES} (totalResults ${total}); what lies beyond was not looked at`, exchanges, requests };
    }
  }
}

/** Looks up exactly the value a create carried (`userName eq "…"`). */
export function lookUpKey(transport: Transport, baseUrl: string, key: CreateKey, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<LookupResult> {
  return lookUp(
    transport,
    {
      baseUrl,
      collection: key.collection,
      attribute: key.attribute,
      // A JSON string literal is exactly a SCIM filter's compValue (RFC 7644 §3.4.2.2).
      filter: `${key.attribute} eq ${JSON.stringify(key.value)}`,
      headers,
      matches: (value) => sameValue(key.attribute, value, key.value),
    },
    signal,
  );
}

/** Okta deactivates users instead of deleting them; this is the PATCH body Okta sends for it. */
const DEACTIVATE_BODY = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}';

/** DELETE {collection}/{id}, then (users only) Okta's deactivation: the cleanup of a resource no step described. */
export function defaultCleanup(baseUrl: string, collection: string, id: string, headers: Record<string, string>): HttpRequest[] {
  const url = requestUrl(baseUrl, `${collection}/${encodeSegment(id)}`, undefined, undefined);
  const read = readHeaders(headers);
  const requests: HttpRequest[] = [{ method: 'DELETE', url, headers: read }];
  const deactivation = deactivationFor(requests[0] as HttpRequest, baseUrl);
  if (deactivation !== undefined) requests.push(deactivation);
  return requests;
}

/** Okta's deactivation PATCH for a DELETE of a user (/Users/{id}); undefined for anything else. */
export function deactivationFor(deleteRequest: HttpRequest, baseUrl: string): HttpRequest | undefined {
  const path = pathBelowBase(deleteRequest.url, baseUrl);
  if (deleteRequest.method.toUpperCase() !== 'DELETE' || path === undefined || !/^\/users\/[^/]+$/i.test(path)) return undefined;
  return { method: 'PATCH', url: deleteRequest.url, headers: { ...readHeaders(deleteRequest.headers), 'Content-Type': 'application/scim+json' }, body: DEACTIVATE_BODY };
}

/** Values for a step's `body.*` captures read from a resource a lookup found (so its cleanup can be expanded). */
export function bindingsFrom(captures: Record<string, string>, json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(captures)) {
    const [head, ...rest] = source.split('.');
    if (head !== 'body') continue;
    let current: unknown = json;
    for (const segment of rest) {
      if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
      else if (isObject(current) && Object.hasOwn(current, segment)) current = current[segment];
      else current = undefined;
    }
    if (current !== undefined && current !== null && current !== '') out[name] = current;
  }
  return out;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Only the transport's redacted copy of a request may leave the runner; a raw one could carry a templated secret. */
export function redactedRequestOf(error: unknown): HttpRequest | undefined {
  if (typeof error === 'object' && error !== null && 'request' in error) {
    const request = (error as { request?: unknown }).request;
    if (typeof request === 'object' && request !== null) return request as HttpRequest;
  }
  return undefined;
}
