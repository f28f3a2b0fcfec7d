// The reporter contract: optional hooks fed by the runner's events, in order. report/ implements it; reporters only ever see redacted data.
import type { CleanupItem, Plan, RunEndReason, RunSummary, StepResult, SuiteResult } from './types.js';
import type { Suite } from '../suite/types.js';

export interface Reporter {
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
