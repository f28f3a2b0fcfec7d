// Okta pauses on 429 and retries after Retry-After, read only as integer seconds; anything else means a 5-minute
// wait, doubling, up to 10 tries (okta-protocol.md §1.3). The replay retries the same way, with short caps, and
// with one budget of waiting per run: a server that always answers 429 must not cost minutes per call.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Exchange, HttpRequest, Transport } from '../http/types.js';

/** One 429 the server answered before the request went through (or before the run stopped waiting). */
export interface RateLimitNote {
  retryAfter: string | undefined;
  /** True when Retry-After is an integer number of seconds, the only form Okta honours. */
  integer: boolean;
  waitedMs: number;
  /** True when the run's waiting budget was spent: this 429 was not waited out, the step got it as its answer. */
  budgetSpent?: boolean | undefined;
}

const MAX_RETRIES = 3;
/** Never wait longer than this for one retry, whatever the server asks: the run must end. */
const MAX_WAIT_MS = 30_000;
/** What to wait when the server gives no usable Retry-After (Okta would wait 5 minutes). */
const FALLBACK_WAIT_MS = 1_000;
/** All the waiting on 429s one run may do; past it, 429s are answers (and findings), not pauses. */
export const RUN_WAIT_BUDGET_MS = 60_000;

/** One run = one transport: the budget is kept per transport so every step of a run shares it. */
const spent = new WeakMap<Transport, number>();

/** Sends, retrying a 429 up to three times after its Retry-After; notes every 429 met. */
export async function sendWithRetry(transport: Transport, request: HttpRequest, signal: AbortSignal | undefined, notes: RateLimitNote[], budgetMs = RUN_WAIT_BUDGET_MS): Promise<Exchange> {
  for (let attempt = 0; ; attempt++) {
    const exchange = await transport(request, signal);
    if (exchange.response.status !== 429 || attempt >= MAX_RETRIES) return exchange;
    const retryAfter = exchange.response.headers['retry-after'];
    const integer = retryAfter !== undefined && /^\s*\d+\s*$/.test(retryAfter);
    const wanted = integer ? Math.min(Number(retryAfter) * 1000, MAX_WAIT_MS) : FALLBACK_WAIT_MS;
    const used = spent.get(transport) ?? 0;
    if (used + wanted > budgetMs) {
      notes.push({ retryAfter, integer, waitedMs: 0, budgetSpent: true });
      return exchange;
    }
    spent.set(transport, used + wanted);
    notes.push({ retryAfter, integer, waitedMs: wanted });
    try {
      await sleep(wanted, undefined, signal === undefined ? {} : { signal });
    } catch {
      return exchange;
    }
  }
}
