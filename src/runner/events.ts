// The reporter contract: optional hooks fed by the runner's events, in order. report/ implements it; reporters only ever see redacted data.
import type { CleanupItem, Plan, RunEndReason, RunSummary, StepResult, SuiteResult } from './types.js';
import type { Suite } from '../suite/types.js';

/**
 * Which exchanges a reporter reads beyond the failures every reporter may show. `step-end`: every exchange of a step,
 * in onStepEnd only (so a paged step keeps all its pages until then); `run-end`: every exchange of every step, still
 * in onRunEnd. Unset: only the exchanges of steps with a failed check, which the runner always keeps. The runner drops
 * the rest, so a long run holds what its reporters will print, not every answer it received.
 */
export type ExchangeNeed = 'step-end' | 'run-end';

export interface Reporter {
  /** What this reporter reads of passing steps' exchanges (see ExchangeNeed); unset: nothing. */
  readonly exchanges?: ExchangeNeed | undefined;
  /** Fires once, after every suite is loaded and validated, before the first request. */
  onRunStart?(plan: Plan): void;
  /** Fires before the first step of a suite is sent. */
  onSuiteStart?(suite: Suite): void;
  /** Fires when a step begins (before its request is sent). */
  onStepStart?(suite: Suite, stepId: string, title: string): void;
  /** Fires when a step has a final status. */
  onStepEnd?(result: StepResult): void;
  /** Fires after the last step of a suite. */
  onSuiteEnd?(result: SuiteResult): void;
  /** Fires for each cleanup item once the ledger has drained. */
  onCleanup?(items: CleanupItem[]): void;
  /** Fires last; a reporter that writes a file flushes here. */
  onRunEnd?(summary: RunSummary, reason: RunEndReason): void | Promise<void>;
}
