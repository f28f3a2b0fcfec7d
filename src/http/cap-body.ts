// Bodies kept for reports are capped: a run holds every exchange until its reports are written, and a server may
// send megabytes a call. The checks have already seen the whole body when this runs.
import type { Exchange, HttpRequest, HttpResponse } from './types.js';

/** Default --report-body-bytes: a SCIM page of 100 users fits; a 10 MB answer does not. */
export const DEFAULT_REPORT_BODY_BYTES = 64 * 1024;

/** The first `max` bytes of `text`, cut on a character boundary. */
function cutUtf8(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let end = Math.min(max, bytes.length);
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

function capResponse(response: HttpResponse, max: number): HttpResponse {
  if (response.bodyCut !== undefined && response.json !== undefined) {
    // Already cut while paging; the JSON kept for the paging checks is no part of a report.
    const { json: _json, ...rest } = response;
    return rest;
  }
  if (response.body.length <= max / 4) return response;
  const size = Buffer.byteLength(response.body, 'utf8');
  if (size <= max) return response;
  // The parsed value is as large as the text: a cut body keeps no `json`.
  const { json: _json, ...rest } = response;
  return { ...rest, body: cutUtf8(response.body, max), bodyCut: size };
}

function capRequest(request: HttpRequest, max: number): HttpRequest {
  if (request.body === undefined || Buffer.byteLength(request.body, 'utf8') <= max) return request;
  return { ...request, body: cutUtf8(request.body, max) };
}

/** The exchange as a report keeps it: bodies longer than `max` bytes cut, and marked with their full size. */
export function capExchange(exchange: Exchange, max: number): Exchange {
  const request = capRequest(exchange.request, max);
  const response = capResponse(exchange.response, max);
  return request === exchange.request && response === exchange.response ? exchange : { ...exchange, request, response };
}
