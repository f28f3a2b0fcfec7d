// The end-of-run sweep: after every suite, looks once more for the creates no suite could settle (a create that
// timed out may be finished by the server later), by the run id prefix when the values carry it, else by each value.
// What it finds is removed; what it still cannot find is listed as possibly left.
import type { Transport } from '../http/types.js';
import type { CleanupLedger, UnresolvedCreate } from './cleanup-ledger.js';
import { drainEntry } from './cleanup-entry.js';
import { defaultCleanup, lookUp, lookUpKey } from './cleanup-lookup.js';
import type { FoundResource, KeyAttribute, LookupResult } from './cleanup-lookup.js';
import type { CleanupItem } from './types.js';

/** Collects what each suite's ledger left unsettled, then looks for it once all suites are done. */
export class CleanupSweep {
  readonly #runId: string;
  readonly #baseUrl: string;
  readonly #unresolved: UnresolvedCreate[] = [];
  readonly #handled = new Set<string>();

  constructor(options: { runId: string; baseUrl: string }) {
    this.#runId = options.runId;
    this.#baseUrl = options.baseUrl;
  }

  /** Takes a drained ledger's unsettled creates and what it already dealt with. */
  carry(ledger: CleanupLedger): void {
    this.#unresolved.push(...ledger.takeUnresolved());
    for (const key of ledger.handled()) this.#handled.add(key);
  }

  get size(): number {
    return this.#unresolved.length;
  }

  /** Looks for every unsettled create; each gets exactly one item, in sweep order. */
  async run(transport: Transport, signal?: AbortSignal): Promise<CleanupItem[]> {
    const items: CleanupItem[] = [];
    const groups = new Map<string, UnresolvedCreate[]>();
    for (const u of this.#unresolved.splice(0)) {
      const key = u.record.key;
      if (key === undefined) continue;
      const id = `${key.collection} ${key.attribute}`;
      groups.set(id, [...(groups.get(id) ?? []), u]);
    }
    for (const group of groups.values()) items.push(...(await this.#sweepGroup(group, transport, signal)));
    return items.map((item) => ({ ...item, phase: 'sweep' as const }));
  }

  async #sweepGroup(group: UnresolvedCreate[], transport: Transport, signal: AbortSignal | undefined): Promise<CleanupItem[]> {
    const first = group[0];
    const firstKey = first?.record.key;
    if (first === undefined || firstKey === undefined) return [];
    if (signal?.aborted === true) return group.map((u) => left(u, 'not-run', `${u.why}; the end-of-run sweep was cut short`));
    const prefix = `scim-check-${this.#runId}`.toLowerCase();
    const items: CleanupItem[] = [];
    const byPrefix = group.every((u) => u.record.key?.value.toLowerCase().startsWith(prefix) === true);
    let prefixResult: LookupResult | undefined;
    if (byPrefix) {
      // The run id makes the prefix ours alone; each answer is checked against it again before anything is touched.
      prefixResult = await lookUp(
        transport,
        { baseUrl: this.#baseUrl, collection: firstKey.collection, attribute: firstKey.attribute, filter: `${firstKey.attribute} sw ${JSON.stringify(`scim-check-${this.#runId}`)}`, headers: first.record.info.request.headers, matches: (v) => v.toLowerCase().startsWith(prefix) },
        signal,
      );
    }
    if (prefixResult?.ok === true) {
      const label = `${firstKey.attribute} sw ${JSON.stringify(`scim-check-${this.#runId}`)}`;
      let evidence: Pick<CleanupItem, 'exchanges' | 'requests'> | undefined = { exchanges: prefixResult.exchanges, requests: prefixResult.requests };
      const take = (item: CleanupItem): CleanupItem => {
        // The sweep's one lookup belongs before whatever it led to.
        if (evidence === undefined) return item;
        const merged = { ...item, exchanges: [...(evidence.exchanges ?? []), ...(item.exchanges ?? [])], requests: [...evidence.requests, ...item.requests] };
        evidence = undefined;
        return merged;
      };
      const found = prefixResult.found.filter((f) => !this.#handled.has(`${firstKey.collection}/${f.id}`));
      const claimed = new Set<FoundResource>();
      for (const u of group) {
        const mine = found.filter((f) => !claimed.has(f) && sameKey(firstKey.attribute, f.value, u.record.key?.value ?? ''));
        if (mine.length === 0) {
          items.push(take(unfound(u, label)));
          continue;
        }
        for (const f of mine) {
          claimed.add(f);
          this.#handled.add(`${firstKey.collection}/${f.id}`);
          items.push(take(await u.ledger.cleanFound(u.record, f, transport, signal, `${u.why}; the end-of-run sweep (${label}) found it`)));
        }
      }
      // Carries this run's id but no step accounts for it: still this run's, so it is removed like any other.
      for (const f of found.filter((r) => !claimed.has(r))) {
        this.#handled.add(`${firstKey.collection}/${f.id}`);
        const requests = defaultCleanup(this.#baseUrl, firstKey.collection, f.id, first.record.info.request.headers);
        items.push(take(await drainEntry({ suiteId: first.record.info.suiteId, stepId: first.record.info.stepId, requests, id: f.id, foundBy: `the end-of-run sweep (${label}) found ${firstKey.attribute} ${JSON.stringify(f.value)}` }, { transport, baseUrl: this.#baseUrl, signal, history: new Map() })));
      }
      if (evidence !== undefined) items.push(take({ suiteId: first.record.info.suiteId, stepId: first.record.info.stepId, requests: [], outcome: 'gone', detail: `the end-of-run sweep (${label}) found nothing more` }));
      return items;
    }
    // No prefix lookup (values without the run id prefix, or a server without `sw`): look each value up again.
    for (const [index, u] of group.entries()) {
      const key = u.record.key;
      if (key === undefined) continue;
      if (aborted(signal)) {
        items.push(left(u, 'not-run', `${u.why}; the end-of-run sweep was cut short`));
        continue;
      }
      const result = await lookUpKey(transport, this.#baseUrl, key, u.record.info.request.headers, signal);
      const before = index === 0 && prefixResult !== undefined ? { exchanges: prefixResult.exchanges, requests: prefixResult.requests } : { exchanges: [], requests: [] };
      const label = `${key.attribute} eq ${JSON.stringify(key.value)}`;
      const withLookup = (item: CleanupItem): CleanupItem => ({
        ...item,
        exchanges: [...before.exchanges, ...result.exchanges, ...(item.exchanges ?? [])],
        requests: [...before.requests, ...result.requests, ...item.requests],
      });
      if (!result.ok) {
        items.push(withLookup(left(u, 'failed', `${u.why}; at the end of the run ${result.why}`)));
        continue;
      }
      const found = result.found.filter((f) => !this.#handled.has(`${key.collection}/${f.id}`));
      if (found.length === 0) {
        items.push(withLookup(unfound(u, label)));
        continue;
      }
      for (const [n, f] of found.entries()) {
        this.#handled.add(`${key.collection}/${f.id}`);
        const item = await u.ledger.cleanFound(u.record, f, transport, signal, `${u.why}; the end-of-run sweep (${label}) found it`);
        items.push(n === 0 ? withLookup(item) : item);
      }
    }
    return items;
  }
}

/** A function, so the check is made afresh after each await (TypeScript would otherwise keep its first answer). */
function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sameKey(attribute: KeyAttribute, a: string, b: string): boolean {
  return attribute === 'externalId' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Still not found at the end of the run: listed as possibly left when the server may still create it. */
function unfound(u: UnresolvedCreate, label: string): CleanupItem {
  const key = u.record.key;
  const value = key === undefined ? '' : ` with ${key.attribute} ${JSON.stringify(key.value)}`;
  if (u.record.mayStillRun === true) {
    return left(u, 'failed', `${u.why}; the end-of-run sweep (${label}) did not find it either; a resource${value} may still be created by the server (its create never answered)`);
  }
  return left(u, 'gone', `${u.why}; the end-of-run sweep (${label}) finds nothing, so nothing was created`);
}

function left(u: UnresolvedCreate, outcome: CleanupItem['outcome'], detail: string): CleanupItem {
  return { suiteId: u.record.info.suiteId, stepId: u.record.info.stepId, requests: [], outcome, detail, exchanges: [] };
}
