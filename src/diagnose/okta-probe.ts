// The one request the HTTP, auth and SCIM-shape rungs are about: Okta's Test API Credentials call,
// `GET {base}/Users?startIndex=1&count=2` with Okta's headers (okta-protocol.md §1.1, §2.1), sent through a Transport.
import type { Exchange, HttpRequest, Transport } from '../http/types.js';

export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The headers Okta sends on a GET (okta-protocol.md §1.1); auth is added by the transport. */
export const OKTA_GET_HEADERS: Readonly<Record<string, string>> = {
  Accept: 'application/scim+json',
  'Accept-Charset': 'utf-8',
  'Accept-Encoding': 'gzip,deflate',
  'User-Agent': 'Okta SCIM Client 1.0.0',
};

export function testCredentialsRequest(baseUrl: string): HttpRequest {
  return { method: 'GET', url: `${baseUrl}/Users?startIndex=1&count=2`, headers: { ...OKTA_GET_HEADERS } };
}

/** What a request that got no HTTP answer failed with (the HttpError kinds of src/http/http-error.ts). */
export interface ProbeFailure {
  kind: string;
  message: string;
}

export type ProbeOutcome = { exchange: Exchange; failure?: undefined } | { exchange?: undefined; failure: ProbeFailure };

function failureOf(err: unknown): ProbeFailure {
  if (typeof err === 'object' && err !== null) {
    const kind = 'kind' in err && typeof err.kind === 'string' ? err.kind : 'network';
    const detail = 'detail' in err && typeof err.detail === 'string' ? err.detail : err instanceof Error ? err.message : String(err);
    return { kind, message: detail };
  }
  return { kind: 'network', message: String(err) };
}

/** Sends Okta's Test API Credentials request; never throws. */
export async function sendOktaProbe(transport: Transport, baseUrl: string, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    return { exchange: await transport(testCredentialsRequest(baseUrl), AbortSignal.timeout(timeoutMs)) };
  } catch (err) {
    return { failure: failureOf(err) };
  }
}

export type BodyKind = 'json' | 'html' | 'text' | 'empty';

export function bodyKind(exchange: Exchange): BodyKind {
  const { body, headers, json } = exchange.response;
  if (body.trim() === '') return 'empty';
  if (json !== undefined) return 'json';
  if (/html/i.test(headers['content-type'] ?? '') || /^\s*</.test(body)) return 'html';
  return 'text';
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads a key the way Okta does: `Resources` and `resources`, `totalResults` and `totalresults` (okta-protocol.md §1.3). */
export function getLoose(object: Record<string, unknown>, key: string): unknown {
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

export function schemasOf(json: unknown): string[] {
  const object = asObject(json);
  const schemas = object ? getLoose(object, 'schemas') : undefined;
  return Array.isArray(schemas) ? schemas.filter((s): s is string => typeof s === 'string') : [];
}

/** 'list': a 200 ListResponse; 'error': a SCIM Error body; null: nothing that looks like SCIM. */
export function scimLike(exchange: Exchange): 'list' | 'error' | null {
  const { status, json } = exchange.response;
  const object = asObject(json);
  if (!object) return null;
  const schemas = schemasOf(object);
  if (status === 200 && (schemas.includes(LIST_RESPONSE_URN) || getLoose(object, 'totalResults') !== undefined)) return 'list';
  if (status >= 400 && schemas.includes(ERROR_URN)) return 'error';
  return null;
}

/** One line for the evidence: the status line exactly as received (reason phrase matters to Okta's wording). */
export function statusLine(exchange: Exchange): string {
  const { httpVersion, status, statusText } = exchange.response;
  return `HTTP/${httpVersion} ${status}${statusText ? ` ${statusText}` : ' (no reason phrase)'}`;
}

/** The start of a body, on one line, for evidence (exchanges are already redacted). */
export function bodyExcerpt(exchange: Exchange, max = 120): string {
  const flat = exchange.response.body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Names the proxy or CDN that produced a response, from its headers, when it can tell. */
export function proxyName(exchange: Exchange): string | undefined {
  const h = exchange.response.headers;
  const server = (h['server'] ?? '').toLowerCase();
  if (h['cf-ray'] !== undefined || server.includes('cloudflare')) return 'Cloudflare';
  if (h['x-amz-cf-id'] !== undefined || server.includes('cloudfront')) return 'Amazon CloudFront';
  if (server.includes('awselb') || server.includes('elb')) return 'an AWS load balancer';
  if (server.includes('akamai')) return 'Akamai';
  if (h['x-served-by'] !== undefined && (h['x-cache'] !== undefined || server.includes('varnish'))) return 'Fastly/Varnish';
  if (server.includes('nginx')) return 'nginx';
  if (server.includes('apache')) return 'Apache httpd';
  if (server.includes('envoy') || h['x-envoy-upstream-service-time'] !== undefined) return 'Envoy';
  if (h['via'] !== undefined) return `a proxy (Via: ${h['via']})`;
  return undefined;
}

/** The token Jackson (Okta's JSON parser) would stumble on, as in `Invalid JSON: Unrecognized token 'error'`. */
export function unrecognizedToken(body: string): string {
  const trimmed = body.trimStart();
  const word = /^[A-Za-z0-9_$]+/.exec(trimmed)?.[0];
  return word ?? trimmed.charAt(0);
}
