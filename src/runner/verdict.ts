// Per-feature verdicts and run counts, derived only from step statuses and checks.
import type { Suite } from '../suite/types.js';
import { isLeft } from './cleanup-notices.js';
import type { CleanupItem, FeatureVerdict, PlannedSuite, RunCounts, RunEndReason, RunSummary, StepResult, SuiteResult } from './types.js';

export function countSteps(steps: StepResult[]): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, errored: 0, skipped: 0, unsupported: 0, warnings: 0, notRun: 0, total: 0 };
  for (const step of steps) {
    counts[step.status] += 1;
    counts.warnings += step.warnings.length;
    if (step.notRun !== undefined) counts.notRun = (counts.notRun ?? 0) + 1;
    counts.total += 1;
  }
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The flag a selection reason names ("--read-only: it sends POST" → "--read-only"). */
function selectionFlag(reason: string): string {
  return /--[a-z-]+/.exec(reason)?.[0] ?? reason;
}

/**
 * "ready", "not ready — 2 required checks failed", "unsupported, as declared", "partly checked — 2 of 5 steps ran
 * (--read-only)", … `leftOut`: reasons of the steps the user's selection left out (a feature is only ready when all
 * of its steps for the profile ran).
 */
export function verdictOf(steps: StepResult[], unsupported: boolean, leftOut: readonly string[] = []): { verdict: FeatureVerdict; reason: string } {
  const errored = steps.filter((s) => s.status === 'errored');
  const failedChecks = steps.flatMap((s) => (s.status === 'failed' ? s.checks.filter((c) => !c.passed && !s.warnings.includes(c)) : []));
  const warnings = steps.reduce((n, s) => n + s.warnings.length, 0);
  if (errored.length > 0 || failedChecks.length > 0) {
    const parts: string[] = [];
    if (failedChecks.length > 0) {
      const byLevel = new Map<string, number>();
      for (const c of failedChecks) byLevel.set(c.level, (byLevel.get(c.level) ?? 0) + 1);
      for (const [level, n] of byLevel) parts.push(`${plural(n, `${level} check`)} failed`);
    }
    if (errored.length > 0) parts.push(`${plural(errored.length, 'step')} errored`);
    return { verdict: 'not-ready', reason: parts.join(', ') };
  }
  const ran = steps.filter((s) => s.status !== 'skipped');
  // A step that does not apply to this server (what it declares) leaves nothing unchecked.
  const skipped = steps.filter((s) => s.status === 'skipped' && s.inapplicable !== true);
  const notRun = skipped.find((s) => s.notRun !== undefined);
  // Why steps did not run: the selection flag behind each (also when a step needed a write the flag skipped).
  const why = [
    ...new Set([
      ...leftOut.map(selectionFlag),
      ...skipped.map((s) => (s.notRun !== undefined ? (s.skipReason ?? 'not run') : (/--[a-z-]+/.exec(s.skipReason ?? '')?.[0] ?? 'skipped steps'))),
    ]),
  ];
  if (ran.length === 0) {
    if (notRun?.skipReason !== undefined) return { verdict: 'not-checked', reason: notRun.skipReason };
    return { verdict: 'not-checked', reason: why.length > 0 ? `no step ran (${why.join('; ')})` : 'no step ran' };
  }
  const suffix = warnings > 0 ? ` (${plural(warnings, 'warning')})` : '';
  if (skipped.length > 0 || leftOut.length > 0) {
    const total = steps.length + leftOut.length;
    return { verdict: 'partly-checked', reason: `${ran.length} of ${plural(total, 'step')} ran (${why.join('; ')})${suffix}` };
  }
  if (unsupported) return { verdict: 'unsupported', reason: `unsupported, as declared${suffix}` };
  return { verdict: 'ready', reason: `ready${suffix}` };
}

export function suiteResult(suite: Suite, steps: StepResult[], unsupported: boolean, durationMs: number, planned?: PlannedSuite): SuiteResult {
  const leftOut = (planned?.steps ?? []).filter((s) => !s.runs && s.bySelection === true).map((s) => s.reason ?? 'selection');
  const { verdict, reason } = verdictOf(steps, unsupported, leftOut);
  return {
    suiteId: suite.id,
    title: suite.title,
    okta: suite.okta,
    feature: suite.feature,
    file: suite.file,
    steps,
    verdict,
    verdictReason: reason,
    durationMs,
  };
}

/**
 * A run's summary from its suite results and cleanup: the counts, whether anything may be left, and how the run
 * ended. One rule for `run` and for `watch`, so the exit code means the same in both. A run `cut` short (by
 * --run-timeout) checked less than asked, and counts as errored rather than pass on what it reached.
 */
export function summarize(input: {
  runId: string;
  baseUrl: string;
  profile: string;
  startedAt: string;
  durationMs: number;
  gate: RunSummary['gate'];
  suites: SuiteResult[];
  cleanup: CleanupItem[];
  notices: string[];
  interrupted: boolean;
  cut?: boolean | undefined;
}): RunSummary {
  const counts = countSteps(input.suites.flatMap((s) => s.steps));
  if (input.cut === true) counts.errored = Math.max(counts.errored, 1);
  const reason: RunEndReason = input.interrupted ? 'interrupted' : counts.failed + counts.errored > 0 ? 'failed' : 'passed';
  return {
    runId: input.runId,
    baseUrl: input.baseUrl,
    profile: input.profile,
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    gate: input.gate,
    counts,
    suites: input.suites,
    cleanup: input.cleanup,
    cleanupIncomplete: input.cleanup.some(isLeft),
    reason,
    notices: input.notices,
  };
}
