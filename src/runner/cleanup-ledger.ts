// Remembers every write a suite makes, before it is sent, and removes what it created when the suite ends: after
// failures, timeouts and on SIGINT/SIGTERM. A create that got no usable answer is looked up by the run-scoped value
// it carried; what cannot be found or removed is listed. It sends through the steps' Transport, so redaction and
// timeouts apply to cleanup too.
import { HttpError } from '../http/http-error.js';
import type { Exchange, HttpRequest, Transport } from '../http/types.js';
import { ScimCheckError } from '../errors.js';
import { drainEntry } from './cleanup-entry.js';
import type { CleanupEntry, StepHistory } from './cleanup-entry.js';
import { bindingsFrom, createKeyOf, defaultCleanup, lookUpKey, pathBelowBase } from './cleanup-lookup.js';
import type { CreateKey, FoundResource } from './cleanup-lookup.js';
import type { CleanupItem } from './types.js';

export type { CleanupEntry } from './cleanup-entry.js';

/** What a step tells the ledger before its request goes out. */
export interface WriteInfo {
  suiteId: string;
  stepId: string;
  /** The request as expanded, before it is sent. */
  request: HttpRequest;
  /** The step's captures (name → source), to rebuild its cleanup for a resource found by lookup. */
  captures: Record<string, string>;
  hasCleanup: boolean;
  /** Expands the step's cleanup; `extra` supplies capture values a lookup found. Throws a ScimCheckError when it cannot. */
  expandCleanup: (extra: Record<string, unknown>) => HttpRequest[];
}

/** Transport failures where the request never reached the server: nothing can have been created. */
const NOT_SENT = new Set(['dns', 'refused', 'connect-timeout', 'tls', 'proxy', 'invalid-url', 'invalid-request']);
/** Failures where the server may still be working on the request after the run stopped waiting. */
const MAY_STILL_RUN = new Set(['timeout', 'aborted']);

/** How a create that got no answer is described, by the transport's error kind. */
const FAILED_CREATE: Record<string, string> = {
  timeout: 'the create timed out',
  aborted: 'the create was interrupted',
  reset: 'the connection closed before the create was answered',
  'not-http': 'the create got an answer that is not HTTP',
  'too-large': "the create's answer was too large to read",
};

/** One recorded write, from before it is sent until the ledger knows what it left. */
export interface WriteRecord {
  readonly info: WriteInfo;
  /** Set for creates: the run-scoped value to look the resource up by. */
  readonly key: CreateKey | undefined;
  state: 'sent' | 'created' | 'not-created' | 'unknown' | 'orphan';
  /** Why the ledger does not know (e.g. "the create timed out"), or why it cannot clean up. */
  reason?: string;
  /** True when the server may still create it after a lookup found nothing (no answer came back). */
  mayStillRun?: boolean;
  entry?: CleanupEntry;
}

/** A create the ledger could not settle within its suite; the end-of-run sweep looks for it again. */
export interface UnresolvedCreate {
  ledger: CleanupLedger;
  record: WriteRecord;
  /** What is known so far, e.g. 'the create timed out; userName eq "…" found nothing'. */
  why: string;
}

/** Holds a suite's writes in the order they were sent and drains them newest first (members before their group). */
export class CleanupLedger {
  readonly #runId: string;
  readonly #baseUrl: string;
  readonly #records: WriteRecord[] = [];
  /** Every keyed create, kept after the drain so the end-of-run sweep can say which step a find belongs to. */
  readonly #creates: WriteRecord[] = [];
  readonly #history = new Map<string, StepHistory>();
  /** `collection/id` of every resource this ledger has dealt with, so lookups never handle one twice. */
  readonly #handled = new Set<string>();
  #unresolved: UnresolvedCreate[] = [];

  constructor(options: { runId: string; baseUrl: string }) {
    this.#runId = options.runId;
    this.#baseUrl = options.baseUrl;
  }

  /**
   * Records a write before it is sent. Returns the record to settle once the answer (or the error) is known;
   * undefined when the write neither creates a keyed resource nor has a cleanup.
   */
  recordWrite(info: WriteInfo): WriteRecord | undefined {
    const key = createKeyOf(info.request, this.#baseUrl, this.#runId);
    if (key === undefined && !info.hasCleanup) return undefined;
    const record: WriteRecord = { info, key, state: 'sent' };
    this.#records.push(record);
    if (key !== undefined) this.#creates.push(record);
    return record;
  }

  /** The step's request failed below HTTP. */
  settleError(record: WriteRecord | undefined, error: unknown): void {
    if (record === undefined || record.state !== 'sent') return;
    const kind = error instanceof HttpError ? error.kind : undefined;
    if (kind !== undefined && NOT_SENT.has(kind)) {
      record.state = 'not-created';
      return;
    }
    if (record.key === undefined) {
      record.state = 'not-created';
      return;
    }
    record.state = 'unknown';
    record.reason = FAILED_CREATE[kind ?? ''] ?? `the create failed (${kind ?? 'error'})`;
    record.mayStillRun = kind === undefined || MAY_STILL_RUN.has(kind);
  }

  /** The step's request was answered: register its cleanup, or note what must be looked up. */
  settleAnswer(record: WriteRecord | undefined, exchange: Exchange): void {
    if (record === undefined || record.state !== 'sent') return;
    const { status, json } = exchange.response;
    if (status >= 400 && status < 500) {
      // The server refused the write cleanly; only a create that answered 5xx or no id is looked up.
      record.state = 'not-created';
      return;
    }
    if (status < 200 || status >= 300) {
      if (record.key === undefined) {
        record.state = 'not-created';
        return;
      }
      record.state = 'unknown';
      record.reason = `the create answered ${status}`;
      return;
    }
    const id = typeof json === 'object' && json !== null && typeof (json as Record<string, unknown>)['id'] === 'string' ? ((json as Record<string, unknown>)['id'] as string) : undefined;
    let requests: HttpRequest[] | undefined;
    let why = 'its answer carried no id';
    try {
      if (record.info.hasCleanup) requests = record.info.expandCleanup({});
      else if (record.key !== undefined && id !== undefined) requests = defaultCleanup(this.#baseUrl, record.key.collection, id, record.info.request.headers);
    } catch (error) {
      if (!(error instanceof ScimCheckError)) throw error;
      // A capture the answer did not carry is the usual reason; the template wording would only confuse.
      why = error.code === 'template.unknown' ? 'its answer carried no usable id' : error.detail;
    }
    if (requests !== undefined) {
      this.#register(record, { suiteId: record.info.suiteId, stepId: record.info.stepId, requests, id });
    } else if (record.key !== undefined) {
      record.state = 'unknown';
      record.reason = `the create answered ${status} but ${why}`;
    } else {
      record.state = 'orphan';
      record.reason = `created something (${status}) that cannot be removed: ${why}`;
    }
  }

  /** Notes what a step's exchange did to a resource path, so cleanup does not delete twice. */
  observe(stepId: string, exchange: Exchange): void {
    const path = pathnameOf(exchange.request.url);
    if (path === undefined) return;
    const method = exchange.request.method.toUpperCase();
    const { status } = exchange.response;
    const ok = status >= 200 && status < 300;
    if (method === 'DELETE' && ok) this.#history.set(path, { deletedBy: stepId });
    const seen = this.#history.get(path);
    if (seen?.deletedBy === undefined || method === 'DELETE') return;
    // After a DELETE the server accepted, a 404 of any shape (even an HTML error page) means gone.
    if (method === 'GET' && (status === 404 || status === 410)) seen.confirmedBy ??= stepId;
    else if (ok) this.#history.delete(path);
  }

  #register(record: WriteRecord, entry: CleanupEntry): void {
    record.state = 'created';
    record.entry = entry;
    const handled = this.#handledKey(entry.requests[0]?.url, entry.id);
    if (handled !== undefined) this.#handled.add(handled);
  }

  /** `/Users/<id>` (the id decoded) for a resource URL, so lookups and entries agree on what was handled. */
  #handledKey(url: string | undefined, id: string | undefined): string | undefined {
    const path = url === undefined ? undefined : pathBelowBase(url, this.#baseUrl);
    const match = path === undefined ? null : /^(\/[^/]+)\/([^/]+)$/.exec(path);
    if (match === null) return undefined;
    try {
      return `${match[1]}/${id ?? decodeURIComponent(match[2] ?? '')}`;
    } catch {
      return undefined;
    }
  }

  /** Every `collection/id` this ledger removed, deactivated or listed (the sweep leaves those alone). */
  handled(): ReadonlySet<string> {
    return this.#handled;
  }

  /** Keyed creates that made (or may have made) something, oldest first. */
  creates(): Array<{ ledger: CleanupLedger; record: WriteRecord }> {
    return this.#creates.filter((r) => r.state === 'created' || r.state === 'unknown').map((record) => ({ ledger: this, record }));
  }

  /** Creates that need another look at the end of the run; taking them empties the list. */
  takeUnresolved(): UnresolvedCreate[] {
    const out = this.#unresolved;
    this.#unresolved = [];
    return out;
  }

  /**
   * Cleans up every record, newest first. Creates without a usable answer are looked up by their key first.
   * Stops early (listing the rest as not run) when `signal` aborts.
   */
  async drain(transport: Transport, signal?: AbortSignal): Promise<CleanupItem[]> {
    const items: CleanupItem[] = [];
    const ctx = { transport, baseUrl: this.#baseUrl, signal, history: this.#history };
    while (this.#records.length > 0) {
      const record = this.#records.pop();
      if (record === undefined) break;
      if (record.state === 'not-created') continue;
      if (record.state === 'orphan') {
        items.push({ suiteId: record.info.suiteId, stepId: record.info.stepId, requests: [], outcome: 'failed', detail: record.reason ?? 'cannot be removed' });
        continue;
      }
      if (signal?.aborted === true) {
        items.push(notRun(record, this.#baseUrl));
        continue;
      }
      if (record.state === 'created' && record.entry !== undefined) {
        items.push(await drainEntry(record.entry, ctx));
        continue;
      }
      if (record.state === 'sent') {
        // Settled by neither path: the step stopped in between (a signal); treat as a create without an answer.
        record.state = 'unknown';
        record.reason = 'the create got no answer';
        record.mayStillRun = true;
      }
      items.push(...(await this.#lookUpAndClean(record, transport, signal)));
    }
    return items;
  }

  async #lookUpAndClean(record: WriteRecord, transport: Transport, signal: AbortSignal | undefined): Promise<CleanupItem[]> {
    const key = record.key;
    if (key === undefined) return [];
    const result = await lookUpKey(transport, this.#baseUrl, key, record.info.request.headers, signal);
    const label = `${key.attribute} eq ${JSON.stringify(key.value)}`;
    if (!result.ok || (record.mayStillRun === true && result.found.every((f) => this.#handled.has(`${key.collection}/${f.id}`)))) {
      const why = `${record.reason ?? 'no usable answer'}; ${result.ok ? `${label} found nothing` : result.why}`;
      this.#unresolved.push({ ledger: this, record, why });
      return [
        {
          suiteId: record.info.suiteId,
          stepId: record.info.stepId,
          requests: result.requests,
          outcome: 'deferred',
          detail: `${why}; looked for again at the end of the run`,
          exchanges: result.exchanges,
        },
      ];
    }
    const fresh = result.found.filter((found) => !this.#handled.has(`${key.collection}/${found.id}`));
    if (fresh.length === 0) {
      return [
        {
          suiteId: record.info.suiteId,
          stepId: record.info.stepId,
          requests: result.requests,
          outcome: 'gone',
          detail: `${record.reason ?? 'the create got no usable answer'}; ${label} finds ${result.found.length === 0 ? 'nothing, so nothing was created' : 'only what this run already accounts for, so nothing more was created'}`,
          exchanges: result.exchanges,
        },
      ];
    }
    const items: CleanupItem[] = [];
    for (const [index, found] of fresh.entries()) {
      const item = await this.cleanFound(record, found, transport, signal, `${record.reason ?? 'no usable answer'}; ${label} found it`);
      // The lookup's exchange belongs before the first removal it led to.
      if (index === 0) {
        item.exchanges = [...result.exchanges, ...(item.exchanges ?? [])];
        item.requests = [...result.requests, ...item.requests];
      }
      items.push(item);
    }
    return items;
  }

  /** Removes a resource a lookup found, with the step's own cleanup when it can be expanded for it. */
  async cleanFound(record: WriteRecord, found: FoundResource, transport: Transport, signal: AbortSignal | undefined, foundBy: string): Promise<CleanupItem> {
    const key = record.key as CreateKey;
    this.#handled.add(`${key.collection}/${found.id}`);
    let requests: HttpRequest[];
    try {
      requests = record.info.hasCleanup ? record.info.expandCleanup(bindingsFrom(record.info.captures, found.json)) : defaultCleanup(this.#baseUrl, key.collection, found.id, record.info.request.headers);
    } catch (error) {
      if (!(error instanceof ScimCheckError)) throw error;
      try {
        requests = defaultCleanup(this.#baseUrl, key.collection, found.id, record.info.request.headers);
      } catch (inner) {
        if (!(inner instanceof ScimCheckError)) throw inner;
        return {
          suiteId: record.info.suiteId,
          stepId: record.info.stepId,
          requests: [],
          outcome: 'failed',
          detail: `${foundBy} as id ${JSON.stringify(found.id)}, which cannot be removed: ${inner.detail}`,
          id: found.id,
        };
      }
    }
    const entry: CleanupEntry = { suiteId: record.info.suiteId, stepId: record.info.stepId, requests, id: found.id, foundBy };
    return drainEntry(entry, { transport, baseUrl: this.#baseUrl, signal, history: this.#history });
  }
}

function notRun(record: WriteRecord, baseUrl: string): CleanupItem {
  const entry = record.entry;
  const what = entry?.requests.map((r) => `${r.method} ${pathnameOf(r.url) ?? r.url}`).join(', then ');
  const key = record.key === undefined ? '' : ` (${record.key.attribute} ${JSON.stringify(record.key.value)})`;
  const resource = entry?.requests[0] === undefined ? undefined : pathBelowBase(entry.requests[0].url, baseUrl);
  return {
    suiteId: record.info.suiteId,
    stepId: record.info.stepId,
    requests: [],
    outcome: 'not-run',
    detail: what === undefined ? `not cleaned up (aborted): ${record.reason ?? 'created'}${key}` : `not cleaned up (aborted): ${what}${key}`,
    ...(resource === undefined ? {} : { resource }),
    ...(entry?.id === undefined ? {} : { id: entry.id }),
  };
}

function pathnameOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}
