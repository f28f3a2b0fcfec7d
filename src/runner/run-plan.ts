// Orchestration only: runs the planned suites in order, emits events, drains the cleanup ledger per suite.
import { prepareSchemas } from '../assert/index.js';
import type { Transport } from '../http/types.js';
import type { Reporter } from './events.js';
import { CleanupLedger } from './cleanup-ledger.js';
import { supportOf } from './plan.js';
import { runStep } from './run-step.js';
import type { StepContext } from './run-step.js';
import { SuiteScope } from './scope.js';
import type { CleanupItem, Plan, RunEndReason, RunSummary, StepResult, StepStatus, SuiteResult } from './types.js';
import { countSteps, suiteResult } from './verdict.js';
import { ScimCheckError } from '../errors.js';
import { capExchange, DEFAULT_REPORT_BODY_BYTES } from '../http/cap-body.js';
import { formatBytes } from '../http/http-error.js';
import { startRunDeadline } from './run-deadline.js';

export interface RunPlanOptions {
  plan: Plan;
  transport: Transport;
  env: Record<string, string | undefined>;
  reporters: Reporter[];
  /** First SIGINT/SIGTERM: stop sending steps, abort the request in flight, then clean up. */
  signal: AbortSignal;
  /** Second signal: abort the cleanup too, and list what may be left. */
  hardSignal: AbortSignal;
  /** Stop after the first failed or errored step (cleanup still runs). */
  bail?: boolean | undefined;
  startedAt?: Date | undefined;
  /** --run-timeout in ms: the whole run's deadline (default DEFAULT_RUN_TIMEOUT_MS). */
  runTimeoutMs?: number | undefined;
  /** --report-body-bytes: bodies kept for reports are cut to this many bytes. */
  reportBodyBytes?: number | undefined;
}

function emit(reporters: Reporter[], call: (r: Reporter) => void): void {
  for (const reporter of reporters) call(reporter);
}

/** Runs a plan to its summary. Never throws for target or check failures; those are in the summary. */
export async function runPlan(options: RunPlanOptions): Promise<RunSummary> {
  const { plan, reporters } = options;
  const startedAt = options.startedAt ?? new Date();
  const started = performance.now();
  // ajv costs a few hundred ms to load; only pay it when a selected step checks a schema.
  const needsSchemas = plan.suites.some((p) => p.suite.steps.some((step) => p.steps.some((s) => s.runs && s.stepId === step.id) && step.expect.some((e) => e.schema !== undefined)));
  if (needsSchemas) await prepareSchemas();
  emit(reporters, (r) => r.onRunStart?.(plan));
  const deadline = startRunDeadline(options.signal, options.runTimeoutMs);
  const signal = deadline.signal;
  const reportBodyBytes = options.reportBodyBytes ?? DEFAULT_REPORT_BODY_BYTES;
  let bodiesCut = 0;

  const suites: SuiteResult[] = [];
  const cleanup: CleanupItem[] = [];
  let bailed = false;
  const run = { id: plan.runId, startedAt: startedAt.toISOString() };

  for (const planned of plan.suites) {
    const running = new Set(planned.steps.filter((s) => s.runs).map((s) => s.stepId));
    if (running.size === 0) continue;
    const { suite } = planned;
    const suiteStarted = performance.now();
    emit(reporters, (r) => r.onSuiteStart?.(suite));
    const ledger = new CleanupLedger();
    const results: StepResult[] = [];
    const statuses = new Map<string, StepStatus>();
    const producers = new Map<string, string>();
    for (const step of suite.steps) for (const name of Object.keys(step.capture)) if (!producers.has(name)) producers.set(name, step.id);

    let scope: SuiteScope | undefined;
    let scopeError: ScimCheckError | undefined;
    try {
      scope = new SuiteScope(suite, plan.profile, run, options.env);
    } catch (error) {
      if (!(error instanceof ScimCheckError)) throw error;
      scopeError = error;
    }

    try {
      for (const step of suite.steps) {
        if (!running.has(step.id)) continue;
        emit(reporters, (r) => r.onStepStart?.(suite, step.id, step.title));
        let result: StepResult;
        const location = suite.locate(step.pointer);
        const skipped = (skipReason: string): StepResult => ({
          suiteId: suite.id, stepId: step.id, title: step.title, level: step.level, status: 'skipped',
          checks: [], warnings: [], exchanges: [], skipReason, durationMs: 0, location,
        });
        if (signal.aborted) result = skipped(deadline.expired() ? '--run-timeout reached' : 'interrupted');
        else if (bailed) result = skipped('--bail: an earlier step failed');
        else if (scope === undefined) {
          result = {
            ...skipped(''),
            status: 'errored',
            skipReason: undefined,
            error: { code: scopeError?.code ?? 'suite.vars', title: scopeError?.title ?? 'Suite variables', detail: scopeError?.detail ?? 'could not be expanded' },
          };
        } else {
          const ctx: StepContext = {
            suite, scope, baseUrl: plan.baseUrl, transport: options.transport, ledger,
            gate: plan.gate, signal, producers, statuses, reportBodyBytes,
          };
          result = await runStep(step, ctx);
          const kept = result.exchanges.map((e) => capExchange(e, reportBodyBytes));
          bodiesCut += kept.filter((e) => e.response.bodyCut !== undefined).length;
          result = { ...result, exchanges: kept };
        }
        statuses.set(step.id, result.status);
        results.push(result);
        emit(reporters, (r) => r.onStepEnd?.(result));
        if (options.bail === true && (result.status === 'failed' || result.status === 'errored')) bailed = true;
      }
    } finally {
      // Per suite, so every suite starts from the server as it found it; a second signal cuts this short.
      const items = await ledger.drain(options.transport, options.hardSignal);
      cleanup.push(...items);
    }
    const result = suiteResult(suite, results, supportOf(suite, plan.profile) === 'unsupported', Math.round(performance.now() - suiteStarted));
    suites.push(result);
    emit(reporters, (r) => r.onSuiteEnd?.(result));
  }

  deadline.dispose();
  emit(reporters, (r) => r.onCleanup?.(cleanup));
  const counts = countSteps(suites.flatMap((s) => s.steps));
  const cleanupIncomplete = cleanup.some((c) => c.outcome === 'failed' || c.outcome === 'not-run');
  // A run cut by --run-timeout checked less than asked: it fails (exit 4) rather than pass on what it reached.
  if (deadline.expired()) counts.errored = Math.max(counts.errored, 1);
  const reason: RunEndReason = options.signal.aborted ? 'interrupted' : counts.failed + counts.errored > 0 ? 'failed' : 'passed';
  const notices = [...plan.notices];
  if (deadline.expired()) notices.push(deadline.notice());
  if (bodiesCut > 0) notices.push(`${bodiesCut} response bod${bodiesCut === 1 ? 'y' : 'ies'} longer than ${formatBytes(reportBodyBytes)} ${bodiesCut === 1 ? 'is' : 'are'} cut in this report (--report-body-bytes); each is marked with its full size.`);
  const fallbacks = cleanup.filter((c) => c.outcome === 'fallback');
  if (fallbacks.length > 0) {
    notices.push(`${fallbacks.length} resource(s) could not be deleted and were deactivated instead; they remain on the server, named scim-check-${plan.runId}-…`);
  }
  const summary: RunSummary = {
    runId: plan.runId,
    baseUrl: plan.baseUrl,
    profile: plan.profile.id,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    gate: plan.gate,
    counts,
    suites,
    cleanup,
    cleanupIncomplete,
    reason,
    notices,
  };
  for (const reporter of reporters) await reporter.onRunEnd?.(summary, reason);
  return summary;
}
