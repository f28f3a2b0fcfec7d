// Tells a crash from a server that was never there: once the target has answered, a refused or reset connection
// means it went down, most likely because of the request just before. Then waits, cheaply, for it to come back.
import { connect } from 'node:net';
import type { HttpRequest } from '../http/types.js';
import type { Crash, StepResult } from './types.js';

const DOWN_CODES = new Set(['target.refused', 'target.reset']);
const POLL_MS = 200;

export class CrashWatch {
  /** True once any request got an HTTP answer. */
  answered = false;
  private lastAnswered: HttpRequest | undefined;

  /** Feeds every step result, in order. */
  observe(result: StepResult): void {
    const last = result.exchanges.at(-1);
    if (last !== undefined) {
      this.answered = true;
      this.lastAnswered = last.request;
    }
  }

  /** A crash: the step errored with refused/reset after the server had answered (this step or an earlier one). */
  crashOf(result: StepResult): Omit<Crash, 'recovered' | 'waitedMs' | 'notRun'> | undefined {
    const error = result.error;
    if (result.status !== 'errored' || error === undefined || !DOWN_CODES.has(error.code)) return undefined;
    if (!this.answered && result.exchanges.length === 0) return undefined;
    // A reset cuts the request in flight: that one is the trigger. A refusal means the server was already gone,
    // so the last request it answered is the likely one.
    const inFlight = error.code === 'target.reset' && error.request !== undefined;
    const trigger = inFlight ? error.request : (result.exchanges.at(-1)?.request ?? this.lastAnswered);
    const previous = inFlight ? (result.exchanges.at(-1)?.request ?? this.lastAnswered) : undefined;
    return { suiteId: result.suiteId, stepId: result.stepId, trigger, triggerRole: inFlight ? 'in-flight' : 'last-answered', code: error.code, ...(previous === undefined ? {} : { previous }) };
  }
}

/** How long an accepted connection must stay open: a listener that is still closing accepts, then resets. */
const HOLD_MS = 150;

/** Whether something accepts TCP connections at the URL's host and port and keeps them: cheaper than a request, and sends nothing. */
export function tcpAnswers(url: string, timeoutMs: number): Promise<boolean> {
  const parsed = new URL(url);
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    let settled = false;
    const once = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => once(false));
    socket.once('connect', () => {
      socket.setTimeout(0);
      setTimeout(() => once(true), HOLD_MS);
    });
    socket.once('error', () => once(false));
    socket.once('close', () => once(false));
    socket.once('end', () => once(false));
  });
}

/** Polls until the server accepts connections again or `maxMs` has passed; returns how long it waited. */
export async function waitForServer(baseUrl: string, maxMs: number, signal: AbortSignal): Promise<{ recovered: boolean; waitedMs: number }> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  for (;;) {
    if (signal.aborted) return { recovered: false, waitedMs: elapsed() };
    if (await tcpAnswers(baseUrl, Math.min(1000, Math.max(100, maxMs)))) return { recovered: true, waitedMs: elapsed() };
    if (elapsed() + POLL_MS > maxMs) return { recovered: false, waitedMs: elapsed() };
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
}
