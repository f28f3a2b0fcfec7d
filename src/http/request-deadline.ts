// One request's abort signal: aborted by its own exact timer (--timeout) or by the caller's signal (Ctrl-C,
// --run-timeout, cleanup's budget), and released when the exchange ends. AbortSignal.timeout cannot be cleared, so
// every answered request (and what undici hangs on its signal) stayed reachable for the rest of the timeout and was
// promoted into the old heap: a 30 000-step run grew to several times its live size. AbortSignal.any is not used
// either: it holds its composite weakly from the sources, and a composite of composites could be collected before
// it fired. Here the caller's signal holds our listener strongly until release.

export interface RequestDeadline {
  signal: AbortSignal;
  /** True once the timer (not the caller) aborted the request. */
  timedOut(): boolean;
  /** Clears the timer and the listener; call when the exchange ends, however it ends. */
  release(): void;
}

export function requestDeadline(timeoutMs: number, outer: AbortSignal | undefined): RequestDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // As AbortSignal.timeout's: a pending request's socket keeps the process alive, the timer alone does not.
  timer.unref();
  const onAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted === true) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
