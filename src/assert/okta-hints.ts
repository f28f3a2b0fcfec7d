// Okta-aware advice for failed checks whose suite gave no hint: what Okta does with such a response, and what to
// change. Each rule cites okta-protocol.md; rules are tried in order and the first that applies wins.
import type { Exchange } from '../http/types.js';
import { responseJson } from './response-json.js';
import type { Check } from './types.js';

export interface OktaHintRule {
  id: string;
  applies: (check: Check, exchange: Exchange) => boolean;
  hint: string;
}

const LIST_COUNTS = new Set(['/totalResults', '/startIndex', '/itemsPerPage']);

function requestPath(exchange: Exchange): string {
  try {
    return new URL(exchange.request.url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function hasFilter(exchange: Exchange): boolean {
  try {
    return new URL(exchange.request.url).searchParams.has('filter');
  } catch {
    return false;
  }
}

const isCreate = (e: Exchange): boolean => e.request.method.toUpperCase() === 'POST' && /\/(Users|Groups)$/i.test(requestPath(e));
const isBodyCheck = (c: Check): boolean => c.kind === 'body' || c.kind === 'schema';
const bodyIsEmpty = (e: Exchange): boolean => e.response.body.trim() === '';
const bodyIsJson = (e: Exchange): boolean => responseJson(e.response).ok;
const isScimError = (e: Exchange): boolean => {
  const json = e.response.json;
  const schemas = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['schemas'] : undefined;
  return Array.isArray(schemas) && schemas.includes('urn:ietf:params:scim:api:messages:2.0:Error');
};

/** The table, in the order rules are tried. */
export const OKTA_HINT_RULES: readonly OktaHintRule[] = [
  {
    id: 'counts-as-strings',
    applies: (c) => isBodyCheck(c) && LIST_COUNTS.has(c.pointer) && typeof c.actual === 'string',
    hint:
      "Send a JSON integer here: Okta needs integer totalResults, startIndex and itemsPerPage, and with a string every " +
      "assignment fails with 'Sync user in external application: FAILURE' (okta-protocol.md §1.3)",
  },
  {
    id: 'empty-create',
    applies: (c, e) =>
      isCreate(e) && bodyIsEmpty(e) && (isBodyCheck(c) || (c.kind === 'status' && e.response.status === 204)),
    hint:
      "Okta shows 'Create new user returned empty user': answer POST with 201 and the created resource, id included, " +
      'in the body (okta-protocol.md §2.4)',
  },
  {
    id: 'create-not-201',
    applies: (c, e) => c.kind === 'status' && isCreate(e) && e.response.status === 200,
    hint: 'Answer a create (POST /Users, POST /Groups) with 201 Created and the new resource with its id (RFC 7644 §3.3; okta-protocol.md §2.4, §2.10)',
  },
  {
    id: 'filter-404',
    applies: (c, e) => c.kind === 'status' && e.response.status === 404 && e.request.method.toUpperCase() === 'GET' && hasFilter(e),
    hint:
      'Answer a filter that matches nothing with 200 and an empty ListResponse (totalResults 0): Okta tolerates 404, ' +
      "but Okta's SPEC test and OIN review require 200 (okta-protocol.md §2.3)",
  },
  {
    id: 'unauthorized-without-error-body',
    // Only when the 401 really lacks a SCIM Error: a 401 with one, checked against a list schema, is not this.
    applies: (c, e) => isBodyCheck(c) && e.response.status === 401 && !isScimError(e),
    hint:
      'Answer 401 with a SCIM Error body (schemas with the Error URN, detail, status "401"); a bare 401 from an API ' +
      "gateway fails Okta's SPEC test (okta-protocol.md §3.2)",
  },
  {
    id: 'non-json-error',
    applies: (c, e) => isBodyCheck(c) && e.response.status >= 400 && !bodyIsEmpty(e) && !bodyIsJson(e),
    hint:
      "Okta shows 'Invalid JSON: Unrecognized token' for a non-JSON error: answer errors with a SCIM Error JSON body; " +
      'an HTML or text page usually comes from a proxy, CDN or framework default (okta-protocol.md §4.1, §4.2)',
  },
  {
    id: 'media-type-refused',
    applies: (c, e) => c.kind === 'status' && (e.response.status === 415 || e.response.status === 406),
    hint:
      'Accept application/scim+json as well as application/json, in both Accept and Content-Type: Okta sends ' +
      "'application/scim+json; charset=utf-8' (okta-protocol.md §1.1, RFC 7644 §3.1)",
  },
  {
    id: 'unauthorized',
    applies: (c, e) => c.kind === 'status' && e.response.status === 401,
    hint:
      "Okta would show 'Error authenticating: Unauthorized': check the token, and that the server accepts the " +
      'Authorization header exactly as Okta sends it (okta-protocol.md §1.2, §4.2)',
  },
  {
    id: 'error-status-integer',
    applies: (c) => c.kind === 'schema' && c.pointer === '/status' && typeof c.actual === 'number',
    hint: 'Send the Error status as a string ("404"), as RFC 7644 §3.12 requires; Okta accepts an integer but the RFC and strict clients do not (okta-protocol.md §6)',
  },
];

/** The first Okta hint that applies to a failed check, if any. */
export function oktaHint(check: Check, exchange: Exchange): string | undefined {
  if (check.passed) return undefined;
  return OKTA_HINT_RULES.find((rule) => rule.applies(check, exchange))?.hint;
}
