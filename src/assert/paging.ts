// Checks across the pages of a paged list, as Okta's import reads it (okta-protocol.md §2.2, RFC 7644 §3.4.2.4):
// ids unique, as many resources as totalResults, totalResults stable, pages no larger than count, startIndex echoed.
import { capExchange } from '../http/cap-body.js';
import type { Exchange } from '../http/types.js';
import type { Level } from '../shared/level.js';
import { formatTyped, formatValue } from '../shared/format-value.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { fullResources, MAX_JUDGED_RESOURCES, responseJson } from './response-json.js';
import type { Check, CheckContext } from './types.js';

export interface PagingOptions {
  /** The page size requested (Okta's import asks for 100). */
  count: number;
  /** JSON pointer of the step's `paging` key in the suite document. */
  pointer: string;
  level: Level;
  why?: string | undefined;
  /** True when the runner stopped at maxPages before the list ended: the count cannot be compared then. */
  truncated?: boolean | undefined;
}

/** What the checks need of one page: its counts, never its resources (ids are folded into the judge as they come). */
interface Page {
  /** 1-based page number, for messages. */
  number: number;
  totalResults: unknown;
  itemsPerPage: unknown;
  startIndex: unknown;
  /** How many resources the page holds, uncut (the judged body holds at most MAX_JUDGED_RESOURCES). */
  length: number;
  requestedStartIndex: number | undefined;
}

type Draft = Pick<Check, 'pointer' | 'expected' | 'actual' | 'passed' | 'message'> & { level?: Level; hint?: string };

const ID_HINT =
  "Keep the list order stable whatever startIndex and count are (okta-protocol.md §1.3): otherwise Okta's import " +
  'sees some users twice and misses others';

/** The paging checks for one paged step, after its pages were fetched in order. */
export function checkPaging(pages: readonly Exchange[], options: PagingOptions, ctx: CheckContext): Check[] {
  const judge = new PagingJudge();
  for (const page of pages) judge.add(page);
  return judge.checks(options, ctx);
}

/**
 * Judges the pages of one paged step as they arrive, keeping per page only its counts and, across pages, each id
 * once: an import of 100 000 users holds ids and numbers, not a thousand pages of users. `checks()` gives exactly
 * what checkPaging gives for the same pages.
 */
export class PagingJudge {
  readonly #pages: Page[] = [];
  readonly #notJson: Draft[] = [];
  /** id → the page it was first seen on, or every page it was seen on once it repeats (in first-seen order). */
  readonly #ids = new Map<string, number | number[]>();
  /** Keys of resources without a string or number id, for seen() alone. */
  readonly #otherKeys = new Set<string>();
  #withId = 0;
  #added = 0;

  /** How a resource is told apart when a page is looked at for repeats: String(id), or '' for a non-object. */
  static key(resource: unknown): string {
    return typeof resource === 'object' && resource !== null ? String((resource as Record<string, unknown>)['id']) : '';
  }

  /** Whether a resource with this key (PagingJudge.key) was on a page added before. */
  seen(key: string): boolean {
    return this.#ids.has(key) || this.#otherKeys.has(key);
  }

  /** Folds one page (the next in order) into the judgement; the exchange is not kept. */
  add(exchange: Exchange): void {
    const number = ++this.#added;
    const json = responseJson(exchange.response);
    if (!(json.ok && isPlainObject(json.value))) {
      this.#notJson.push({
        pointer: '',
        expected: 'a ListResponse object',
        actual: undefined,
        passed: false,
        message: `page ${number} is not a JSON ListResponse, so paging could not be checked past it`,
      });
      return;
    }
    const body = json.value;
    const all = fullResources(exchange.response) ?? [];
    this.#pages.push({ number, totalResults: body['totalResults'], itemsPerPage: body['itemsPerPage'], startIndex: body['startIndex'], length: all.length, requestedStartIndex: requestedStartIndex(exchange) });
    for (const resource of all) {
      const id = isPlainObject(resource) ? resource['id'] : undefined;
      if (typeof id !== 'string' && typeof id !== 'number') {
        this.#otherKeys.add(PagingJudge.key(resource));
        continue;
      }
      this.#withId++;
      const key = String(id);
      const where = this.#ids.get(key);
      if (where === undefined) this.#ids.set(key, number);
      else if (typeof where === 'number') this.#ids.set(key, [where, number]);
      else where.push(number);
    }
  }

  /** The paging checks for the pages added so far. */
  checks(options: PagingOptions, ctx: CheckContext): Check[] {
    if (this.#added === 0) return [];
    const location = ctx.locate(options.pointer);
    const drafts: Draft[] = [...this.#notJson];
    const parsed = this.#pages;
    if (parsed.length === this.#added) {
      drafts.push(...this.#uniqueIds(), ...totals(parsed, options.truncated === true), ...pageSizes(parsed, options.count), ...startIndexes(parsed, options.level), ...cutPages(parsed));
    }
    return drafts.map((d) => {
      const { level, hint, ...rest } = d;
      const check: Check = { kind: 'paging', ...rest, level: level ?? options.level, location };
      if (options.why !== undefined) check.why = options.why;
      if (hint !== undefined && !check.passed) check.hint = hint;
      return check;
    });
  }

  #uniqueIds(): Draft[] {
    const duplicates: Array<[string, number[]]> = [];
    for (const [id, where] of this.#ids) if (typeof where !== 'number') duplicates.push([id, where]);
    return uniqueIds(duplicates, this.#withId, this.#pages.length);
  }
}

/**
 * What the runner keeps of a fetched page until the paging checks run: the page itself when small; past `maxBytes`
 * its body cut for the report and its JSON reduced to what paging judges (counts, startIndex, ids), so fifty
 * pages of megabytes are not all held at once.
 */
export function keepPage(exchange: Exchange, maxBytes: number): Exchange {
  const capped = capExchange(exchange, maxBytes);
  if (capped.response.bodyCut === undefined) return capped;
  const parsed = responseJson(exchange.response);
  if (!parsed.ok || !isPlainObject(parsed.value)) return capped;
  const body = parsed.value;
  const skeleton: Record<string, unknown> = {
    totalResults: body['totalResults'],
    startIndex: body['startIndex'],
    itemsPerPage: body['itemsPerPage'],
    Resources: (fullResources(exchange.response) ?? []).map((r) => (isPlainObject(r) ? { id: r['id'] } : null)),
  };
  return { ...capped, response: { ...capped.response, json: skeleton } };
}

/** Pages too large to judge whole: said once each, so a pass elsewhere is not read as covering them. */
function cutPages(pages: readonly Page[]): Draft[] {
  return pages
    .filter((page) => page.length > MAX_JUDGED_RESOURCES)
    .map((page) => ({
      pointer: '/Resources',
      expected: `at most ${MAX_JUDGED_RESOURCES} resources judged per page`,
      actual: page.length,
      passed: false,
      level: 'recommended' as const,
      message: `page ${page.number} holds ${plural(page.length, 'resource')}; only the first ${MAX_JUDGED_RESOURCES} were checked against the schema and the expected body (ids and counts cover all)`,
    }));
}

/** Duplicate ids listed one by one up to this many; the rest are counted in one more check. */
const MAX_DUPLICATES_LISTED = 20;

function requestedStartIndex(exchange: Exchange): number | undefined {
  try {
    const raw = new URL(exchange.request.url).searchParams.get('startIndex');
    return raw === null || !/^\d+$/.test(raw) ? undefined : Number(raw);
  } catch {
    return undefined;
  }
}

/** `duplicates`: each id seen more than once with the pages it was seen on, in the order ids were first seen. */
function uniqueIds(duplicates: ReadonlyArray<[string, number[]]>, withId: number, pageCount: number): Draft[] {
  if (duplicates.length === 0) {
    return [{ pointer: '/Resources', expected: 'unique ids', actual: withId, passed: true, message: `all ${withId} ids are unique across ${plural(pageCount, 'page')}` }];
  }
  const rest = duplicates.length - MAX_DUPLICATES_LISTED;
  const more: Draft[] =
    rest > 0
      ? [{ pointer: '/Resources', expected: 'unique ids', actual: rest, passed: false, message: `and ${plural(rest, 'more id')} appearing more than once`, hint: ID_HINT }]
      : [];
  return duplicates.slice(0, MAX_DUPLICATES_LISTED).map(([id, where]): Draft => ({
    pointer: '/Resources',
    expected: 'unique ids',
    actual: id,
    passed: false,
    message: `id ${formatValue(id)} appears ${where.length} times, on ${describePages(where)}`,
    hint: ID_HINT,
  })).concat(more);
}

function totals(pages: readonly Page[], truncated: boolean): Draft[] {
  const first = pages[0];
  if (first === undefined) return [];
  const total = first.totalResults;
  const drafts: Draft[] = [];
  const changed = pages.filter((p) => p.totalResults !== total);
  for (const page of changed) {
    drafts.push({
      pointer: '/totalResults',
      expected: total,
      actual: page.totalResults,
      passed: false,
      message: `totalResults changed between pages: ${formatTyped(total)} on page 1, ${formatTyped(page.totalResults)} on page ${page.number}`,
    });
  }
  const seen = pages.reduce((n, p) => n + p.length, 0);
  // A count sent as a string ("3") is a type error, reported; paging is still judged with the number it spells, so a
  // second fault is not hidden behind the first.
  const coerced = typeof total === 'string' && /^\d+$/.test(total.trim()) ? Number(total) : undefined;
  if (typeof total !== 'number') {
    drafts.push({
      pointer: '/totalResults',
      expected: 'an integer totalResults',
      actual: total,
      passed: false,
      message:
        coerced === undefined
          ? `expected integer totalResults on page 1 to count the resources against, got ${formatTyped(total)}`
          : `expected integer totalResults on page 1, got ${formatTyped(total)}; paging is judged with ${coerced}`,
    });
  }
  if (coerced !== undefined && !truncated && seen !== coerced) {
    drafts.push({
      pointer: '/totalResults',
      expected: coerced,
      actual: seen,
      passed: false,
      message: `expected ${plural(coerced, 'resource')} (totalResults "${coerced}" on page 1, read as a number), saw ${seen} across ${plural(pages.length, 'page')}`,
    });
  }
  if (typeof total === 'number' && truncated) {
    drafts.push({ pointer: '/totalResults', expected: total, actual: seen, passed: true, message: `saw ${plural(seen, 'resource')} in the first ${plural(pages.length, 'page')} (maxPages reached); not compared with totalResults ${total}` });
  } else if (typeof total === 'number') {
    const passed = seen === total;
    drafts.push({
      pointer: '/totalResults',
      expected: total,
      actual: seen,
      passed,
      message: passed
        ? `saw ${plural(seen, 'resource')} across ${plural(pages.length, 'page')}, as totalResults says`
        : `expected ${plural(total, 'resource')} (totalResults on page 1), saw ${seen} across ${plural(pages.length, 'page')}`,
    });
  }
  if (truncated) {
    drafts.push({ pointer: '', expected: 'the whole list', actual: pages.length, passed: true, message: `stopped after ${plural(pages.length, 'page')}: the page limit (--max-pages or the suite's maxPages) was reached` });
  }
  if (changed.length === 0 && pages.length > 1) {
    drafts.push({ pointer: '/totalResults', expected: total, actual: total, passed: true, message: `totalResults stayed ${formatValue(total)} on every page` });
  }
  return drafts;
}

function pageSizes(pages: readonly Page[], count: number): Draft[] {
  const drafts: Draft[] = [];
  for (const page of pages) {
    const items = page.itemsPerPage;
    if (typeof items === 'number' && items > count) {
      drafts.push({ pointer: '/itemsPerPage', expected: count, actual: items, passed: false, message: `page ${page.number}: itemsPerPage ${items} exceeds the count ${count} requested` });
    }
    const length = page.length;
    if (length > count) {
      drafts.push({ pointer: '/Resources', expected: count, actual: length, passed: false, message: `page ${page.number}: ${plural(length, 'resource')} returned, more than the count ${count} requested (RFC 7644 §3.4.2.4)` });
    }
  }
  if (drafts.length === 0) {
    drafts.push({ pointer: '/itemsPerPage', expected: count, actual: undefined, passed: true, message: `no page held more than the count ${count} requested` });
  }
  return drafts;
}

function startIndexes(pages: readonly Page[], level: Level): Draft[] {
  // Echoing startIndex is what RFC 7644 §3.4.2.4 asks, but Okta pages by its own counter: a recommendation.
  const echoLevel: Level = level === 'required' ? 'recommended' : level;
  const drafts: Draft[] = [];
  for (const page of pages) {
    if (page.requestedStartIndex === undefined) continue;
    const got = page.startIndex;
    if (got !== page.requestedStartIndex) {
      drafts.push({
        pointer: '/startIndex',
        expected: page.requestedStartIndex,
        actual: got,
        passed: false,
        level: echoLevel,
        message: `page ${page.number}: requested startIndex ${page.requestedStartIndex}, got ${got === undefined ? 'nothing (key absent)' : formatTyped(got)}`,
      });
    }
  }
  if (drafts.length === 0) {
    drafts.push({ pointer: '/startIndex', expected: 'the requested startIndex', actual: undefined, passed: true, level: echoLevel, message: 'every page echoed the startIndex requested' });
  }
  return drafts;
}

function describePages(numbers: readonly number[]): string {
  const unique = [...new Set(numbers)];
  if (unique.length === 1) return `page ${unique[0]}`;
  return `pages ${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
