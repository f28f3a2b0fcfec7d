// Reads a response body as JSON once, and words what arrived when it is not JSON.
import type { HttpResponse } from '../http/types.js';
import { truncate } from '../shared/format-value.js';

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** The body as JSON: the transport's parse when it made one, else a parse of the text (for hand-built exchanges). */
export function responseJson(response: HttpResponse): ParsedBody {
  if (response.json !== undefined) return { ok: true, value: response.json };
  if (response.jsonNote !== undefined || response.body.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(response.body) as unknown };
  } catch {
    return { ok: false };
  }
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
