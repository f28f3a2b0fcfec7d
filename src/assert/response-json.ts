// Reads a response body as JSON once, and words what arrived when it is not JSON.
import type { HttpResponse } from '../http/types.js';
import { truncate } from '../shared/format-value.js';

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/**
 * A list page holding more resources than this is judged on its first MAX_JUDGED_RESOURCES only: schema and body
 * checks over a million resources would hold the process (and signals) for minutes. Okta asks for 100 at a time;
 * the paging checks still count every resource and report the cut.
 */
export const MAX_JUDGED_RESOURCES = 1000;

const views = new WeakMap<HttpResponse, ParsedBody>();

/** The full `Resources` array of a list body, uncut (paging counts it), or undefined. */
export function fullResources(response: HttpResponse): unknown[] | undefined {
  const parsed = responseJsonUncut(response);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return undefined;
  const list = (parsed.value as Record<string, unknown>)['Resources'];
  return Array.isArray(list) ? list : undefined;
}

function responseJsonUncut(response: HttpResponse): ParsedBody {
  if (response.json !== undefined) return { ok: true, value: response.json };
  if (response.jsonNote !== undefined || response.body.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(response.body) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The body as JSON, as the checks judge it: the transport's parse when it made one, else a parse of the text (for
 * hand-built exchanges); a `Resources` list longer than MAX_JUDGED_RESOURCES is cut to that many.
 */
export function responseJson(response: HttpResponse): ParsedBody {
  const cached = views.get(response);
  if (cached !== undefined) return cached;
  let parsed = responseJsonUncut(response);
  if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
    const record = parsed.value as Record<string, unknown>;
    const list = record['Resources'];
    if (Array.isArray(list) && list.length > MAX_JUDGED_RESOURCES) parsed = { ok: true, value: { ...record, Resources: list.slice(0, MAX_JUDGED_RESOURCES) } };
  }
  views.set(response, parsed);
  return parsed;
}

/** The media type without parameters ('text/html'), or undefined when the server sent none. */
export function mediaType(response: HttpResponse): string | undefined {
  const raw = response.headers['content-type'];
  if (raw === undefined || raw.trim() === '') return undefined;
  return (raw.split(';')[0] ?? raw).trim().toLowerCase();
}

/** `expected a JSON body, got text/html "<html>…"`, or `…, got an empty body (204 No Content)`. */
export function describeNonJson(response: HttpResponse): string {
  if (response.body.trim() === '') return 'expected a JSON body, got an empty body';
  if (response.jsonNote !== undefined) return `expected a JSON body scim-check can judge, got ${response.jsonNote}`;
  const type = mediaType(response) ?? 'a body without content-type';
  return `expected a JSON body, got ${type} ${JSON.stringify(truncate(response.body))}`;
}
