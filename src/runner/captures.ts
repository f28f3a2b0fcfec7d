// Reads capture sources ('body.id', 'body.Resources.0.id', 'header.location', 'status') out of an exchange.
import type { Exchange } from '../http/types.js';

export type CaptureResult = { found: true; value: unknown } | { found: false; reason: string; optional?: boolean };

/**
 * Resolves one capture source against a response. A source ending in `?` is optional: its absence is no failure
 * (it captures what a faulty server wrongly created, so the step's cleanup can delete it).
 */
export function readCapture(exchange: Exchange, source: string): CaptureResult {
  if (source.endsWith('?')) {
    const result = readCapture(exchange, source.slice(0, -1));
    return result.found ? result : { ...result, optional: true };
  }
  const [head, ...rest] = source.split('.');
  if (head === 'status') return { found: true, value: exchange.response.status };
  if (head === 'header') {
    const name = rest.join('.').toLowerCase();
    const value = exchange.response.headers[name];
    return value === undefined ? { found: false, reason: `the response has no ${name} header` } : { found: true, value };
  }
  if (head === 'body') {
    if (exchange.response.json === undefined) return { found: false, reason: 'the response body is not JSON' };
    let current: unknown = exchange.response.json;
    for (const [i, segment] of rest.entries()) {
      const next = child(current, segment);
      if (next === undefined) {
        const at = ['body', ...rest.slice(0, i + 1)].join('.');
        return { found: false, reason: `${at} is absent from the response` };
      }
      current = next;
    }
    if (current === null || current === '') return { found: false, reason: `${source} is ${current === null ? 'null' : 'empty'}` };
    return { found: true, value: current };
  }
  return { found: false, reason: `unknown capture source "${source}"` };
}

function child(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) {
    return /^\d+$/.test(segment) ? value[Number(segment)] : undefined;
  }
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) {
    return (value as Record<string, unknown>)[segment];
  }
  return undefined;
}
