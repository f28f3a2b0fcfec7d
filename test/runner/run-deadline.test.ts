// The run's deadline: its signal stops the steps, and cleanup's signal ends the grace period after it, whatever
// stopped the run first (a Ctrl-C before the deadline does not lift cleanup's bound). Outcome-based: each case waits
// for the abort event itself, never for a wall-clock figure.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startRunDeadline } from '../../src/runner/run-deadline.js';

describe('startRunDeadline', () => {
  it('aborts the run at the deadline, then cleanup after the grace period, in that order', async () => {
    const user = new AbortController();
    const deadline = startRunDeadline(user.signal, 20, 30);
    const order: string[] = [];
    deadline.signal.addEventListener('abort', () => order.push('run'));
    deadline.cleanupSignal.addEventListener('abort', () => order.push('cleanup'));
    await once(deadline.cleanupSignal, 'abort');
    expect(order).toEqual(['run', 'cleanup']);
    expect(deadline.expired()).toBe(true);
    deadline.dispose();
  });

  it('still bounds cleanup when a signal stopped the run first, and does not call that the deadline', async () => {
    const user = new AbortController();
    const deadline = startRunDeadline(user.signal, 20, 10);
    user.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.cleanupSignal.aborted).toBe(false);
    await once(deadline.cleanupSignal, 'abort');
    expect(deadline.expired()).toBe(false);
    deadline.dispose();
  });

  it('never aborts cleanup once disposed before the deadline', async () => {
    const deadline = startRunDeadline(new AbortController().signal, 30, 0);
    deadline.dispose();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.cleanupSignal.aborted).toBe(false);
  });
});
