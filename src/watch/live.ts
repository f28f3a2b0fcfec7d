// Turns one exchange into what a session records: which of Okta's calls it was and the step's verdict on it.
import { resolvePointer } from '../shared/json-pointer.js';
import type { Exchange } from '../http/types.js';
import type { StepError } from '../runner/types.js';
import type { Level } from '../suite/types.js';
import type { KnownCall } from './catalogue.js';
import { erroredResult, judgeExchange } from './judge.js';
import { recognise } from './recognise.js';
import type { LiveRequest } from './recognise.js';
import type { SeenExchange } from './session.js';

export function targetOf(live: LiveRequest): string {
  return `${live.path}${live.rawQuery === '' ? '' : `?${live.rawQuery}`}`;
}

/** Recognises and judges an exchange that completed. */
export function judgeSeen(calls: readonly KnownCall[], gate: Level, seq: number, live: LiveRequest, exchange: Exchange): SeenExchange {
  const base = { seq, method: live.method, target: targetOf(live), exchange, status: exchange.response.status, durationMs: exchange.timings.total, time: new Date(exchange.timings.startedAt) };
  const found = recognise(calls, live);
  if (found === undefined) return base;
  const { alternative } = found.call;
  const chosen = alternative !== undefined && resolvePointer(exchange.response.json, alternative.when).present ? alternative.step : undefined;
  const result = judgeExchange({ suite: found.call.suite, step: found.call.step, alternative: chosen, exchange, bindings: found.bindings, gate, label: `#${seq}` });
  return { ...base, suite: found.call.suite, result };
}

/** An exchange the target never answered: errored, like a runner step whose request failed. */
export function erroredSeen(calls: readonly KnownCall[], seq: number, live: LiveRequest, error: StepError, durationMs: number): SeenExchange {
  const base = { seq, method: live.method, target: targetOf(live), durationMs, time: new Date(Date.now() - durationMs) };
  const found = recognise(calls, live);
  if (found === undefined) return base;
  return { ...base, suite: found.call.suite, result: erroredResult(found.call.suite, found.call.step, `#${seq}`, error, durationMs) };
}
