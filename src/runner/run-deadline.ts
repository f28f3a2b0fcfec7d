// --run-timeout: one deadline for a whole run, so a server that never answers (or always answers 429) costs a
// bounded time, not 47 × --timeout. When it passes, the run stops sending steps as on a first Ctrl-C, the request
// in flight is aborted, and cleanup still runs within a short grace period after it, also when a signal stopped
// the run first: past --run-timeout plus that grace, nothing waits on the server any more.
import { formatDuration } from './format-duration.js';

/** 15 minutes: the built-in suites take seconds against a healthy server, and Okta's own jobs time out sooner. */
export const DEFAULT_RUN_TIMEOUT_MS = 15 * 60 * 1000;

export interface RunDeadline {
  /** Aborted when the user interrupts or the deadline passes. */
  signal: AbortSignal;
  /** True once the deadline (not a signal) stopped the run. */
  expired(): boolean;
  /** Aborted `graceMs` after the deadline passes, whatever stopped the run: cleanup's bound. */
  cleanupSignal: AbortSignal;
  /** The line for the report when it expired. */
  notice(): string;
  dispose(): void;
}

export function startRunDeadline(userSignal: AbortSignal, timeoutMs: number = DEFAULT_RUN_TIMEOUT_MS, graceMs = 5_000): RunDeadline {
  const controller = new AbortController();
  const grace = new AbortController();
  let expired = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    expired = !userSignal.aborted;
    controller.abort();
    graceTimer = setTimeout(() => grace.abort(), graceMs);
    graceTimer.unref();
  }, timeoutMs);
  timer.unref();
  return {
    signal: AbortSignal.any([userSignal, controller.signal]),
    cleanupSignal: grace.signal,
    expired: () => expired,
    notice: () => `The run stopped at --run-timeout (${formatDuration(timeoutMs)}): the step in flight was aborted, the remaining steps were not run, and cleanup ran.`,
    dispose: () => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
    },
  };
}
