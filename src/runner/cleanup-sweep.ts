// The end-of-run sweep: after every suite, looks up by the run id prefix what the run may have created and has not
// confirmed gone (a create that timed out may be finished by the server later; a server may move a user to a new
// id), and removes it. Without a prefix lookup (values without the prefix, a server without `sw`), it looks each
// unsettled create up by its own value. What it still cannot find is listed as possibly left.
import type { Transport } from '../http/types.js';
import type { CleanupLedger, UnresolvedCreate, WriteRecord } from './cleanup-ledger.js';
import { drainEntry } from './cleanup-entry.js';
import { defaultCleanup, lookUp, lookUpKey } from './cleanup-lookup.js';
import type { FoundResource, KeyAttribute } from './cleanup-lookup.js';
import type { CleanupItem } from './types.js';

interface Create {
  ledger: CleanupLedger;
  record: WriteRecord;
}

/** Collects what each suite's ledger created or left unsettled, then sweeps once all suites are done. */
export class CleanupSweep {
  readonly #runId: string;
  readonly #baseUrl: string;
  readonly #unresolved: UnresolvedCreate[] = [];
  readonly #creates: Create[] = [];
  readonly #handled = new Set<string>();

  constructor(options: { runId: string; baseUrl: string }) {
    this.#runId = options.runId;
    this.#baseUrl = options.baseUrl;
  }

  /** Takes a drained ledger's creates, its unsettled ones, and what it already dealt with. */
  carry(ledger: CleanupLedger): void {
    this.#unresolved.push(...ledger.takeUnresolved());
    this.#creates.push(...ledger.creates());
    for (const key of ledger.handled()) this.#handled.add(key);
  }

  /** Sweeps every collection the run created in; each unsettled create ends with exactly one item. */
  async run(transport: Transport, signal?: AbortSignal): Promise<CleanupItem[]> {
    const groups = new Map<string, { creates: Create[]; unresolved: UnresolvedCreate[] }>();
    const groupOf = (record: WriteRecord) => {
      const id = `${record.key?.collection ?? ''} ${record.key?.attribute ?? ''}`;
      let group = groups.get(id);
      if (group === undefined) {
        group = { creates: [], unresolved: [] };
        groups.set(id, group);
      }
      return group;
    };
    for (const create of this.#creates) groupOf(create.record).creates.push(create);
    for (const u of this.#unresolved.splice(0)) groupOf(u.record).unresolved.push(u);
    this.#creates.length = 0;
    const items: CleanupItem[] = [];
    for (const group of groups.values()) items.push(...(await this.#sweepGroup(group.creates, group.unresolved, transport, signal)));
    return items.map((item) => ({ ...item, phase: 'sweep' as const }));
  }

  async #sweepGroup(creates: Create[], unresolved: UnresolvedCreate[], transport: Transport, signal: AbortSignal | undefined): Promise<CleanupItem[]> {
    const sample = creates[0] ?? unresolved[0];
    const key = sample?.record.key;
    if (sample === undefined || key === undefined) return [];
    if (aborted(signal)) return unresolved.map((u) => left(u, 'not-run', `${u.why}; the end-of-run sweep was cut short`));
    const { collection, attribute } = key;
    const stem = `scim-check-${this.#runId}`;
    const prefix = stem.toLowerCase();
    const everyValueHasPrefix = [...creates.map((c) => c.record), ...unresolved.map((u) => u.record)].every((r) => r.key?.value.toLowerCase().startsWith(prefix) === true);
    const items: CleanupItem[] = [];
    const label = `${attribute} sw ${JSON.stringify(stem)}`;
    if (everyValueHasPrefix) {
      // The run id makes the prefix this run's alone; every answer is checked against it again before anything is touched.
      const swept = await lookUp(
        transport,
        { baseUrl: this.#baseUrl, collection, attribute, filter: label, headers: sample.record.info.request.headers, matches: (v) => v.toLowerCase().startsWith(prefix) },
        signal,
      );
      const sweptItem: CleanupItem = { suiteId: sample.record.info.suiteId, stepId: sample.record.info.stepId, requests: swept.requests, outcome: 'swept', detail: '', exchanges: swept.exchanges };
      items.push(sweptItem);
      if (swept.ok) {
        const found = swept.found.filter((f) => !this.#handled.has(`${collection}/${f.id}`));
        sweptItem.detail = `the end-of-run sweep (GET ${collection}?filter=${label}) found ${found.length === 0 ? 'nothing the run has not accounted for' : `${found.length} more: ${found.map((f) => JSON.stringify(f.value)).join(', ')}`}`;
        const claimed = new Set<FoundResource>();
        for (const u of unresolved) {
          const mine = found.filter((f) => !claimed.has(f) && sameKey(attribute, f.value, u.record.key?.value ?? ''));
          if (mine.length === 0) items.push(unfound(u, label));
          for (const f of mine) {
            claimed.add(f);
            items.push(await this.#clean(u, f, transport, signal, `${u.why}; the end-of-run sweep found it`, true));
          }
        }
        for (const f of found.filter((r) => !claimed.has(r))) {
          const owner = creates.find((c) => sameKey(attribute, f.value, c.record.key?.value ?? ''));
          items.push(await this.#clean(owner ?? sample, f, transport, signal, `the end-of-run sweep found ${attribute} ${JSON.stringify(f.value)} as id ${JSON.stringify(f.id)}, which the run had not removed`, owner !== undefined));
        }
        return items;
      }
      sweptItem.detail = `the end-of-run sweep could not run: ${swept.why}${unresolved.length > 0 ? '; each unsettled create is looked up by its own value instead' : ''}`;
    }
    for (const u of unresolved) {
      const own = u.record.key;
      if (own === undefined) continue;
      if (aborted(signal)) {
        items.push(left(u, 'not-run', `${u.why}; the end-of-run sweep was cut short`));
        continue;
      }
      const result = await lookUpKey(transport, this.#baseUrl, own, u.record.info.request.headers, signal);
      const eq = `${own.attribute} eq ${JSON.stringify(own.value)}`;
      const withLookup = (item: CleanupItem): CleanupItem => ({ ...item, exchanges: [...result.exchanges, ...(item.exchanges ?? [])], requests: [...result.requests, ...item.requests] });
      if (!result.ok) {
        items.push(withLookup(left(u, 'failed', `${u.why}; at the end of the run ${result.why}`)));
        continue;
      }
      const found = result.found.filter((f) => !this.#handled.has(`${own.collection}/${f.id}`));
      if (found.length === 0) {
        items.push(withLookup(unfound(u, eq)));
        continue;
      }
      for (const [n, f] of found.entries()) {
        const item = await this.#clean(u, f, transport, signal, `${u.why}; the end-of-run sweep (${eq}) found it`, true);
        items.push(n === 0 ? withLookup(item) : item);
      }
    }
    return items;
  }

  /** Removes a found resource with its creating step's cleanup (`ownCleanup`), else by DELETE (and deactivation). */
  async #clean(owner: Create, found: FoundResource, transport: Transport, signal: AbortSignal | undefined, foundBy: string, ownCleanup: boolean): Promise<CleanupItem> {
    const { record } = owner;
    const collection = record.key?.collection ?? '';
    this.#handled.add(`${collection}/${found.id}`);
    if (ownCleanup) return owner.ledger.cleanFound(record, found, transport, signal, foundBy);
    const requests = defaultCleanup(this.#baseUrl, collection, found.id, record.info.request.headers);
    return drainEntry({ suiteId: record.info.suiteId, stepId: record.info.stepId, requests, id: found.id, foundBy }, { transport, baseUrl: this.#baseUrl, signal, history: new Map() });
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
