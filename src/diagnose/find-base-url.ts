// When GET {base}/Users finds nothing, probe nearby base URLs (the base without /Users, with /scim/v2 added,
// its parents) and return the first that answers like SCIM (okta-protocol.md §4.2 "Not Found").
import type { Exchange, Transport } from '../http/types.js';
import type { RungResult } from './types.js';
import { scimLike, sendOktaProbe, statusLine } from './okta-probe.js';

const MAX_PROBES = 6;

/** Nearby base URLs, most likely first, without the original. */
export function candidateBaseUrls(baseUrl: string, fromUrlRung: string[]): string[] {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const list = [...fromUrlRung];
  if (!/\/scim\/v2$/i.test(path)) list.push(`${url.origin}${path}/scim/v2`);
  const segments = path.split('/').filter(Boolean);
  for (let n = segments.length - 1; n >= 0; n--) {
    const parent = `${url.origin}${n > 0 ? `/${segments.slice(0, n).join('/')}` : ''}`;
    list.push(parent);
    if (n === 0 || !/\/scim\/v2$/i.test(parent)) list.push(`${parent}/scim/v2`);
  }
  const original = `${url.origin}${path}`;
  return [...new Set(list)].filter((c) => c !== original && c !== baseUrl).slice(0, MAX_PROBES);
}

export interface BaseUrlSearch {
  found?: string;
  /** The exchange at the found base URL. */
  exchange?: Exchange;
  evidence: string[];
}

export async function findBaseUrl(
  candidates: string[],
  transport: Transport,
  timeoutMs: number,
  onExchange?: (e: Exchange) => void,
): Promise<BaseUrlSearch> {
  const evidence: string[] = [];
  let fallback: { base: string; exchange: Exchange } | undefined;
  for (const candidate of candidates) {
    const outcome = await sendOktaProbe(transport, candidate, timeoutMs);
    if (!outcome.exchange) {
      evidence.push(`probe ${candidate}/Users: no answer (${outcome.failure.kind})`);
      continue;
    }
    onExchange?.(outcome.exchange);
    const like = scimLike(outcome.exchange);
    evidence.push(`probe ${candidate}/Users: ${statusLine(outcome.exchange)}${like ? ` (answers like SCIM: ${like === 'list' ? 'a ListResponse' : 'a SCIM Error'})` : ''}`);
    if (like === 'list') return { found: candidate, exchange: outcome.exchange, evidence };
    // A SCIM 401 proves a SCIM server lives there, but a 200 ListResponse further on is stronger evidence.
    if (like === 'error' && outcome.exchange.response.status !== 404 && !fallback) fallback = { base: candidate, exchange: outcome.exchange };
  }
  return fallback ? { found: fallback.base, exchange: fallback.exchange, evidence } : { evidence };
}

/**
 * The URL rung once the base-URL search is known: the rung owns what the search found, so the ladder asks for a
 * new URL result here instead of editing the first one.
 */
export function urlRungAfterSearch(first: RungResult, search: BaseUrlSearch, displayBase: string, status: number | undefined): RungResult {
  if (search.found === undefined) return { ...first, evidence: [...first.evidence, ...search.evidence] };
  const evidence = [...first.evidence, `GET ${displayBase}/Users answered ${status ?? 'nothing'}: no SCIM endpoint there`, ...search.evidence];
  const summary = `wrong base URL: ${search.found} answers like SCIM`;
  if (first.status === 'fail') return { ...first, evidence, summary, fix: `Set the base URL in Okta to ${search.found}` };
  const earlier = first.cause ? { cause: first.cause, fix: first.fix ?? '' } : undefined;
  return {
    ...first,
    status: 'fail',
    summary,
    evidence,
    cause: `Nothing answers like SCIM at ${displayBase}/Users, but ${search.found}/Users does: the base URL is wrong (a missing or extra path segment; okta-protocol.md §4.2 "Not Found").${earlier ? ` Also: ${earlier.cause}` : ''}`,
    fix: `Set the base URL in Okta to ${search.found}.${earlier ? ` ${earlier.fix}` : ''}`,
  };
}
