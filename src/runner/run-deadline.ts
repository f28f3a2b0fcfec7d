// --run-timeout: one deadline for a whole run, so a server that never answers (or always answers 429) costs a
// bounded time, not 47 × --timeout. When it passes, the run stops sending steps as on a first Ctrl-C, the request
// in flight is aborted, and cleanup still runs (each cleanup call bounded by --timeout).
import { formatDuration } from './format-duration.js';

/** 15 minutes: the built-in suites take seconds against a healthy server, and Okta's own jobs time out sooner. */
export const DEFAULT_RUN_TIMEOUT_MS = 15 * 60 * 1000;

export interface RunDeadline {
  /** Aborted when the user interrupts or the deadline passes. */
  signal: AbortSignal;
  /** True once the deadline (not a signal) stopped the run. */
  expired(): boolean;
  /** The line for the report when it expired. */
  notice(): string;
  dispose(): void;
}

export function startRunDeadline(userSignal: AbortSignal, timeoutMs: number = DEFAULT_RUN_TIMEOUT_MS): RunDeadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = !userSignal.aborted;
    controller.abort();
  }, timeoutMs);
  timer.unref();
  return {
    signal: AbortSignal.any([userSignal, controller.signal]),
    expired: () => expired,
    notice: () => `The run stopped at --run-timeout (${formatDuration(timeoutMs)}): the step in flight was aborted, the remaining steps were not run, and cleanup ran.`,
    dispose: () => clearTimeout(timer),
  };
}
