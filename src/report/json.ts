// The versioned JSON result document (`--reporter json`, `--output FILE`). Its shape is documented in README.
import type { Check } from '../assert/types.js';
import type { RunSummary } from '../runner/types.js';
import type { Reporter } from '../runner/events.js';

export const JSON_REPORT_VERSION = 1;

function checkJson(check: Check): Record<string, unknown> {
  return {
    kind: check.kind,
    pointer: check.pointer,
    passed: check.passed,
    level: check.level,
    message: check.message,
    expected: check.expected,
    actual: check.actual,
    ...(check.why === undefined ? {} : { why: check.why }),
    ...(check.hint === undefined ? {} : { hint: check.hint }),
    location: check.location,
  };
}

/** Builds the document; exchanges are already redacted by src/http. */
export function toJsonReport(summary: RunSummary, tool: { name: string; version: string }, exitCode: number): Record<string, unknown> {
  return {
    version: JSON_REPORT_VERSION,
    tool,
    runId: summary.runId,
    baseUrl: summary.baseUrl,
    profile: summary.profile,
    startedAt: summary.startedAt,
    durationMs: summary.durationMs,
    gate: summary.gate,
    reason: summary.reason,
    exitCode,
    counts: summary.counts,
    features: summary.suites.map((s) => ({ suite: s.suiteId, okta: s.okta ?? s.title, feature: s.feature ?? null, verdict: s.verdict, reason: s.verdictReason })),
    suites: summary.suites.map((s) => ({
      id: s.suiteId,
      title: s.title,
      okta: s.okta ?? null,
      feature: s.feature ?? null,
      file: s.file,
      verdict: s.verdict,
      verdictReason: s.verdictReason,
      durationMs: s.durationMs,
      steps: s.steps.map((step) => ({
        id: step.stepId,
        title: step.title,
        level: step.level,
        status: step.status,
        durationMs: step.durationMs,
        location: step.location,
        ...(step.skipReason === undefined ? {} : { skipReason: step.skipReason }),
        ...(step.requirements === undefined ? {} : { requirements: step.requirements }),
        ...(step.error === undefined ? {} : { error: step.error }),
        ...(step.notRun === undefined ? {} : { notRun: step.notRun }),
        checks: step.checks.map(checkJson),
        ...(step.notEvaluated === undefined ? {} : { notEvaluated: step.notEvaluated.map(checkJson) }),
        warnings: step.warnings.map(checkJson),
        exchanges: step.exchanges,
      })),
    })),
    cleanup: summary.cleanup,
    cleanupIncomplete: summary.cleanupIncomplete,
    notices: summary.notices,
    ...(summary.firstCause === undefined ? {} : { firstCause: summary.firstCause }),
    ...(summary.crashes === undefined ? {} : { crashes: summary.crashes }),
  };
}

export function createJsonReporter(options: { write: (text: string) => void | Promise<void>; tool: { name: string; version: string }; exitCode: (summary: RunSummary) => number }): Reporter {
  return {
    exchanges: 'run-end',
    async onRunEnd(summary) {
      await options.write(`${JSON.stringify(toJsonReport(summary, options.tool, options.exitCode(summary)), null, 2)}\n`);
    },
  };
}
