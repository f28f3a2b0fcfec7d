// Builds Exchange values for assert tests: only what a check reads is meaningful.
import type { Exchange } from '../../src/http/types.js';

export interface ExchangeInit {
  method?: string;
  url?: string;
  status?: number;
  headers?: Record<string, string>;
  /** A value to send as JSON, or raw text when `text` is set. */
  json?: unknown;
  text?: string;
  total?: number;
}

export function makeExchange(init: ExchangeInit = {}): Exchange {
  const body = init.text ?? (init.json === undefined ? '' : JSON.stringify(init.json));
  const headers = init.headers ?? (init.json === undefined ? {} : { 'content-type': 'application/scim+json' });
  const response: Exchange['response'] = {
    status: init.status ?? 200,
    statusText: '',
    httpVersion: '1.1',
    headers,
    body,
    bodySize: Buffer.byteLength(body),
  };
  if (init.json !== undefined) response.json = init.json;
  return {
    request: { method: init.method ?? 'GET', url: init.url ?? 'https://scim.example.test/scim/v2/Users', headers: {} },
    response,
    timings: { startedAt: '2024-01-01T00:00:00.000Z', connect: -1, wait: 1, receive: 1, total: init.total ?? 12 },
  };
}

/** A locate function that encodes the pointer in the column, so tests can read back which key was located. */
export const pointerLocate = (pointer: string) => ({ file: `suite.yaml#${pointer}`, line: 1, column: 1 });
