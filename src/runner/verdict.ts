// Per-feature verdicts and run counts, derived only from step statuses and checks.
import type { Suite } from '../suite/types.js';
import type { FeatureVerdict, RunCounts, StepResult, SuiteResult } from './types.js';

export function countSteps(steps: StepResult[]): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, errored: 0, skipped: 0, unsupported: 0, warnings: 0, total: 0 };
  for (const step of steps) {
    counts[step.status] += 1;
    counts.warnings += step.warnings.length;
    counts.total += 1;
  }
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "ready", "not ready — 2 required checks failed", "unsupported, as declared", … */
export function verdictOf(steps: StepResult[], unsupported: boolean): { verdict: FeatureVerdict; reason: string } {
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
  if (ran.length === 0) return { verdict: 'not-checked', reason: 'no step ran' };
  const suffix = warnings > 0 ? ` (${plural(warnings, 'warning')})` : '';
  if (unsupported) return { verdict: 'unsupported', reason: `unsupported, as declared${suffix}` };
  return { verdict: 'ready', reason: `ready${suffix}` };
}

export function suiteResult(suite: Suite, steps: StepResult[], unsupported: boolean, durationMs: number): SuiteResult {
  const { verdict, reason } = verdictOf(steps, unsupported);
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
