// Orchestration only: runs the planned suites in order, emits events, drains the cleanup ledger per suite.
import { prepareSchemas } from '../assert/index.js';
import type { Transport } from '../http/types.js';
import type { Reporter } from './events.js';
import { decideCapability, declaredCheck, dishonouredCheck, needsCapabilities, readCapabilities } from './capabilities.js';
import type { Capabilities } from './capabilities.js';
import { CleanupLedger } from './cleanup-ledger.js';
import { supportOf } from './plan.js';
import { countsAtGate, runStep } from './run-step.js';
import type { StepContext } from './run-step.js';
import { SuiteScope } from './scope.js';
import type { CleanupItem, Plan, RunEndReason, RunSummary, StepResult, StepStatus, SuiteResult } from './types.js';
import { countSteps, suiteResult } from './verdict.js';
import { ScimCheckError } from '../errors.js';

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
  /** --max-pages: safety bound on the pages of one paged step. */
  maxPages?: number | undefined;
  startedAt?: Date | undefined;
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

  const suites: SuiteResult[] = [];
  const cleanup: CleanupItem[] = [];
  let bailed = false;
  const run = { id: plan.runId, startedAt: startedAt.toISOString() };
  const runNotices: string[] = [];
  const running = plan.suites.flatMap((p) => p.suite.steps.filter((step) => p.steps.some((s) => s.runs && s.stepId === step.id)));
  // Read once, and only when a selected step depends on what the server declares.
  const capabilities: Capabilities | undefined = needsCapabilities(running) ? await readCapabilities(options.transport, plan.baseUrl, options.signal) : undefined;

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
    const profileLimits: string[] = [];
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
        if (options.signal.aborted) result = skipped('interrupted');
        else if (bailed) result = skipped('--bail: an earlier step failed');
        else if (scope === undefined) {
          result = {
            ...skipped(''),
            status: 'errored',
            skipReason: undefined,
            error: { code: scopeError?.code ?? 'suite.vars', title: scopeError?.title ?? 'Suite variables', detail: scopeError?.detail ?? 'could not be expanded' },
          };
        } else {
          const decision = capabilities === undefined ? { kind: 'run' as const } : decideCapability(step, capabilities, plan.profile);
          if (decision.kind === 'skip') result = skipped(decision.reason);
          else if (decision.kind === 'unsupported') result = { ...skipped(decision.reason), status: 'unsupported' };
          else if (decision.kind === 'fail') {
            const check = declaredCheck(suite, step, decision.reason, false);
            const atGate = countsAtGate(check.level, plan.gate);
            result = { ...skipped(''), skipReason: undefined, status: atGate ? 'failed' : 'passed', checks: [check], warnings: atGate ? [] : [check] };
          } else {
            const ctx: StepContext = {
              suite, scope, baseUrl: plan.baseUrl, transport: options.transport, ledger,
              gate: plan.gate, signal: options.signal, producers, statuses, maxPages: options.maxPages, notices: runNotices,
            };
            result = await runStep(step, ctx);
            const dishonoured = result.status === 'failed' && capabilities !== undefined ? dishonouredCheck(suite, step, capabilities) : undefined;
            if (dishonoured !== undefined) {
              result.checks.push(dishonoured);
              if (!countsAtGate(dishonoured.level, plan.gate)) result.warnings.push(dishonoured);
            }
            const limit = plan.profile.limits?.[`${suite.id}.${step.id}`];
            if (limit !== undefined && result.status === 'failed') {
              // A limit the app documents is reported with its consequence, as a declaration, not as a failure.
              const failedChecks = result.checks.filter((c) => !c.passed && !result.warnings.includes(c));
              result = { ...result, status: 'unsupported', skipReason: `profile ${plan.profile.id} declares this limit: ${limit}`, warnings: [...result.warnings, ...failedChecks] };
              profileLimits.push(step.id);
            }
          }
        }
        if (step.checks !== undefined && step.checks.length > 0) result.requirements = step.checks;
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
    // A limit the server declares makes the feature unsupported, as a profile's declaration does.
    const declaredLimit = results.some((r) => r.status === 'unsupported' && !profileLimits.includes(r.stepId));
    const result = suiteResult(suite, results, supportOf(suite, plan.profile) === 'unsupported' || declaredLimit, Math.round(performance.now() - suiteStarted));
    if (profileLimits.length > 0 && result.verdict === 'ready') {
      result.verdictReason += `; ${profileLimits.length} known limit${profileLimits.length === 1 ? '' : 's'} of ${plan.profile.id}: ${profileLimits.join(', ')}`;
    }
    suites.push(result);
    emit(reporters, (r) => r.onSuiteEnd?.(result));
  }

  emit(reporters, (r) => r.onCleanup?.(cleanup));
  const counts = countSteps(suites.flatMap((s) => s.steps));
  const cleanupIncomplete = cleanup.some((c) => c.outcome === 'failed' || c.outcome === 'not-run');
  const reason: RunEndReason = options.signal.aborted ? 'interrupted' : counts.failed + counts.errored > 0 ? 'failed' : 'passed';
  const notices = [...plan.notices, ...runNotices];
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
