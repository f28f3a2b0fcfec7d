// Remembers everything a run created and removes it at the end: after failures, and on SIGINT/SIGTERM.
// It sends through the same Transport as the steps, so redaction and timeouts apply to cleanup too.
import type { HttpRequest, Transport } from '../http/types.js';
import { sendWithRetry } from './rate-limit.js';
import type { CleanupItem } from './types.js';

export interface CleanupEntry {
  suiteId: string;
  stepId: string;
  /** Fully expanded requests, tried in order until one succeeds; later ones are fallbacks (deactivation). */
  requests: HttpRequest[];
}

/** Statuses that mean "nothing of ours is left there". */
function isDone(status: number): 'deleted' | 'gone' | undefined {
  if (status >= 200 && status < 300) return 'deleted';
  if (status === 404 || status === 410) return 'gone';
  return undefined;
}

function describe(request: HttpRequest): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}`;
}

/** Holds cleanup entries in creation order and drains them newest first (members before their group, etc.). */
export class CleanupLedger {
  readonly #entries: CleanupEntry[] = [];
  /** Entries that could not be registered because the run never learnt the resource's id. */
  readonly #unregistrable: CleanupItem[] = [];

  add(entry: CleanupEntry): void {
    this.#entries.push(entry);
  }

  /** The step created something but its id never came back, so it cannot be removed. */
  addOrphan(suiteId: string, stepId: string, detail: string): void {
    this.#unregistrable.push({ suiteId, stepId, requests: [], outcome: 'failed', detail });
  }

  /**
   * Sends every entry's requests, newest entry first. A success or a 404 ends an entry; other answers and transport
   * errors move on to its fallback. Stops early (listing the rest as not run) when `signal` aborts.
   */
  async drain(transport: Transport, signal?: AbortSignal): Promise<CleanupItem[]> {
    const items: CleanupItem[] = [...this.#unregistrable];
    this.#unregistrable.length = 0;
    while (this.#entries.length > 0) {
      const entry = this.#entries.pop();
      if (entry === undefined) break;
      if (signal?.aborted) {
        items.push({ suiteId: entry.suiteId, stepId: entry.stepId, requests: [], outcome: 'not-run', detail: `not cleaned up (aborted): ${entry.requests.map(describe).join(', then ')}` });
        continue;
      }
      items.push(await drainEntry(entry, transport, signal));
    }
    return items;
  }
}

async function drainEntry(entry: CleanupEntry, transport: Transport, signal?: AbortSignal): Promise<CleanupItem> {
  const failures: string[] = [];
  const sent: HttpRequest[] = [];
  for (const [index, request] of entry.requests.entries()) {
    try {
      const exchange = await sendWithRetry(transport, request, signal, []);
      sent.push(exchange.request);
      const done = isDone(exchange.response.status);
      if (done !== undefined) {
        if (index === 0) {
          const detail = done === 'deleted' ? `${describe(request)}: ${exchange.response.status}` : `${describe(request)}: already gone (404)`;
          return { suiteId: entry.suiteId, stepId: entry.stepId, requests: sent, outcome: done, detail };
        }
        return {
          suiteId: entry.suiteId,
          stepId: entry.stepId,
          requests: sent,
          outcome: 'fallback',
          detail: `${failures.join('; ')}; fell back to ${describe(request)}: ${exchange.response.status} (the resource still exists on the server, deactivated)`,
        };
      }
      failures.push(`${describe(request)} answered ${exchange.response.status}`);
    } catch (error) {
      // Only the transport's redacted copy may leave the runner; a raw request could carry a templated secret.
      const redacted = redactedRequestOf(error);
      if (redacted !== undefined) sent.push(redacted);
      failures.push(`${describe(request)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { suiteId: entry.suiteId, stepId: entry.stepId, requests: sent, outcome: 'failed', detail: `may be left on the server: ${failures.join('; ')}` };
}

function redactedRequestOf(error: unknown): HttpRequest | undefined {
  if (typeof error === 'object' && error !== null && 'request' in error) {
    const request = (error as { request?: unknown }).request;
    if (typeof request === 'object' && request !== null) return request as HttpRequest;
  }
  return undefined;
}
