// Orchestration only: runs the planned suites in order, emits events, drains the cleanup ledger per suite.
import { prepareSchemas } from '../assert/index.js';
import type { Transport } from '../http/types.js';
import type { Reporter } from './events.js';
import { decideCapability, declaredCheck, dishonouredCheck, needsCapabilities, readCapabilities } from './capabilities.js';
import type { Capabilities } from './capabilities.js';
import { CleanupLedger } from './cleanup-ledger.js';
import { CleanupSweep } from './cleanup-sweep.js';
import { cleanupNotices } from './cleanup-notices.js';
import { CrashWatch, waitForServer } from './crash-watch.js';
import { explainFirstCause, firstCauseKind, isCredentialsSuite } from './first-cause.js';
import type { FirstCauseDeps } from './first-cause.js';
import { failsOnlyForEmptyList } from './empty-list.js';
import { setAsideUnevaluated } from './not-evaluated.js';
import { supportOf } from './plan.js';
import { countsAtGate, runStep } from './run-step.js';
import type { StepContext } from './run-step.js';
import { SuiteScope } from './scope.js';
import type { CleanupItem, Crash, FirstCause, NotRunCause, Plan, RunSummary, StepResult, StepStatus, SuiteResult } from './types.js';
import { suiteResult, summarize } from './verdict.js';
import { ScimCheckError } from '../errors.js';
import { capExchange, DEFAULT_REPORT_BODY_BYTES } from '../http/cap-body.js';
import { formatBytes } from '../http/http-error.js';
import { startRunDeadline } from './run-deadline.js';
import { boundBy } from '../diagnose/bound-factory.js';

/** How long cleanup may go on once --run-timeout has passed. */
const CLEANUP_AFTER_DEADLINE_MS = 5_000;

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
  /** Run every suite even when Test API Credentials failed (the first cause is still reported). */
  keepGoing?: boolean | undefined;
  /** How long to wait for a server that stopped answering to come back (default 5 s). */
  recoverWaitMs?: number | undefined;
  /** Lets the runner explain a first cause with diagnose's probes; without it the explanation is shorter. */
  firstCause?: FirstCauseDeps | undefined;
  /** --max-pages: safety bound on the pages of one paged step. */
  maxPages?: number | undefined;
  startedAt?: Date | undefined;
  /** --run-timeout in ms: the whole run's deadline (default DEFAULT_RUN_TIMEOUT_MS). */
  runTimeoutMs?: number | undefined;
  /** --report-body-bytes: bodies kept for reports are cut to this many bytes. */
  reportBodyBytes?: number | undefined;
  /**
   * `all` (default): every step result in the summary keeps its exchanges. `reporters`: only what the reporters
   * declare they read (Reporter.exchanges) and the exchanges of steps with a failed check, so memory does not grow
   * with the answers of a long run; the CLI runs this way.
   */
  keepExchanges?: 'all' | 'reporters' | undefined;
}

export const DEFAULT_RECOVER_WAIT_MS = 5_000;

/** How many selected steps come after this one: in the rest of its suite, and (when `wholeRun`) in later suites. */
function stepsAfter(plan: Plan, suiteIndex: number, stepId: string, wholeRun: boolean): number {
  let n = 0;
  plan.suites.forEach((planned, i) => {
    if (i < suiteIndex || (i > suiteIndex && !wholeRun)) return;
    const running = planned.steps.filter((s) => s.runs);
    n += i === suiteIndex ? running.length - 1 - running.findIndex((s) => s.stepId === stepId) : running.length;
  });
  return n;
}

/** A step no reporter shows a finding for: it passed every check, and nothing went wrong around it. */
function clean(result: StepResult): boolean {
  return result.status === 'passed' && result.firstCause === undefined && result.crash === undefined && result.checks.every((c) => c.passed);
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
  const needsSchemas = plan.suites.some((p) => {
    const running = new Set(p.steps.filter((s) => s.runs).map((s) => s.stepId));
    return p.suite.steps.some((step) => running.has(step.id) && step.expect.some((e) => e.schema !== undefined));
  });
  if (needsSchemas) await prepareSchemas();
  emit(reporters, (r) => r.onRunStart?.(plan));
  const deadline = startRunDeadline(options.signal, options.runTimeoutMs, CLEANUP_AFTER_DEADLINE_MS);
  // Once --run-timeout has passed, cleanup still runs, but all of it ends CLEANUP_AFTER_DEADLINE_MS later, also when a
  // signal stopped the run first: a server that never answers must not hold the run for --timeout per request, nor
  // for a budget per suite. What it cannot confirm is listed as maybe left.
  const cleanupSignal = (): AbortSignal => AbortSignal.any([options.hardSignal, deadline.cleanupSignal]);
  const signal = deadline.signal;
  const reportBodyBytes = options.reportBodyBytes ?? DEFAULT_REPORT_BODY_BYTES;
  const bodies = { cut: 0 };
  const keepAll = options.keepExchanges !== 'reporters' || reporters.some((r) => r.exchanges === 'run-end');
  const keepPages = keepAll || reporters.some((r) => r.exchanges !== undefined);

  const suites: SuiteResult[] = [];
  const cleanup: CleanupItem[] = [];
  let bailed = false;
  const run = { id: plan.runId, startedAt: startedAt.toISOString() };
  const sweep = new CleanupSweep({ runId: plan.runId, baseUrl: plan.baseUrl });
  const watch = new CrashWatch();
  let firstCause: FirstCause | undefined;
  const crashes: Crash[] = [];
  /** Set once nothing more should be sent: every later step is "not run" with this reason. */
  let stopped: { cause: NotRunCause; reason: string } | undefined;
  const runNotices: string[] = [];
  const running = plan.suites.flatMap((p) => p.suite.steps.filter((step) => p.steps.some((s) => s.runs && s.stepId === step.id)));
  // Read once, and only when a selected step depends on what the server declares.
  const capabilities: Capabilities | undefined = needsCapabilities(running) ? await readCapabilities(options.transport, plan.baseUrl, deadline.signal) : undefined;

  for (const [suiteIndex, planned] of plan.suites.entries()) {
    const running = new Set(planned.steps.filter((s) => s.runs).map((s) => s.stepId));
    if (running.size === 0) continue;
    const { suite } = planned;
    const suiteStarted = performance.now();
    // A suite of which nothing will be sent (after a first cause, or with the server down) does not start.
    if (stopped === undefined) emit(reporters, (r) => r.onSuiteStart?.(suite));
    const ledger = new CleanupLedger({ runId: plan.runId, baseUrl: plan.baseUrl });
    const results: StepResult[] = [];
    const statuses = new Map<string, StepStatus>();
    const producers = new Map<string, string>();
    const profileLimits: string[] = [];
    for (const step of suite.steps) for (const name of Object.keys(step.capture)) if (!producers.has(name)) producers.set(name, step.id);
    const leftOut = new Map(planned.steps.filter((s) => !s.runs && s.bySelection === true).map((s) => [s.stepId, s.reason ?? 'left out by the selection']));
    /** The server went down during this suite: its remaining steps are not run, the next suite tries again. */
    let suiteStopped: { cause: NotRunCause; reason: string } | undefined;
    let firstOfSuite = true;
    const readOnly = [...leftOut.values()].some((reason) => reason.startsWith('--read-only'));

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
        let result: StepResult;
        const location = suite.locate(step.pointer);
        const skipped = (skipReason: string): StepResult => ({
          suiteId: suite.id, stepId: step.id, title: step.title, level: step.level, status: 'skipped',
          checks: [], warnings: [], exchanges: [], skipReason, durationMs: 0, location,
        });
        const credentialsStep = firstOfSuite && firstCause === undefined && isCredentialsSuite(suite);
        firstOfSuite = false;
        const stop = stopped ?? suiteStopped;
        if (stop !== undefined && !signal.aborted) {
          result = { ...skipped(stop.reason), notRun: stop.cause };
          statuses.set(step.id, result.status);
          results.push(result);
          emit(reporters, (r) => r.onStepEnd?.(result));
          continue;
        }
        emit(reporters, (r) => r.onStepStart?.(suite, step.id, step.title));
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
          const decision = capabilities === undefined ? { kind: 'run' as const } : decideCapability(step, capabilities, plan.profile);
          if (decision.kind === 'skip') result = { ...skipped(decision.reason), inapplicable: true };
          else if (decision.kind === 'unsupported') result = { ...skipped(decision.reason), status: 'unsupported' };
          else if (decision.kind === 'fail') {
            const check = declaredCheck(suite, step, decision.reason, false);
            const atGate = countsAtGate(check.level, plan.gate);
            result = { ...skipped(''), skipReason: undefined, status: atGate ? 'failed' : 'passed', checks: [check], warnings: atGate ? [] : [check] };
          } else {
            const ctx: StepContext = {
              suite, scope, baseUrl: plan.baseUrl, transport: options.transport, ledger,
              gate: plan.gate, signal, producers, statuses, leftOut, maxPages: options.maxPages, notices: runNotices, reportBodyBytes,
              keepPages, bodies,
            };
            result = setAsideUnevaluated(await runStep(step, ctx), plan.gate);
            const kept = result.exchanges.map((e) => capExchange(e, reportBodyBytes));
            bodies.cut += kept.filter((e) => e.response.bodyCut !== undefined).length;
            result = { ...result, exchanges: kept };
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
            if (readOnly && failsOnlyForEmptyList(result)) {
              // The writes that would have filled the list were skipped: an empty server is not a failing one.
              result = { ...result, status: 'skipped', warnings: [], skipReason: 'the list is empty, and --read-only creates nothing for it to list' };
            }
            const answeredBefore = watch.answered;
            const crash = watch.crashOf(result);
            watch.observe(result);
            // A step cut by the run's deadline or a signal says nothing about the server: no first cause, no crash.
            const cut = signal.aborted;
            const kind = firstCause === undefined && !cut ? firstCauseKind(result, credentialsStep, answeredBefore, options.firstCause?.target) : undefined;
            if (kind !== undefined) {
              // Its probes end with the run (a signal, --run-timeout), not each after --timeout.
              const deps = options.firstCause === undefined ? undefined : { ...options.firstCause, transportFactory: boundBy(options.firstCause.transportFactory, signal) };
              firstCause = await explainFirstCause(kind, result, plan.baseUrl, deps);
              result.firstCause = firstCause;
              if (options.keepGoing !== true) {
                firstCause.notRun = stepsAfter(plan, suiteIndex, step.id, true);
                stopped = { cause: 'first-cause', reason: `not run: ${isCredentialsSuite(suite) ? 'Test API Credentials failed' : 'the server never answered'}` };
              }
            } else if (crash !== undefined && !cut) {
              const wait = await waitForServer(plan.baseUrl, options.recoverWaitMs ?? DEFAULT_RECOVER_WAIT_MS, options.signal);
              const record: Crash = { ...crash, ...wait, notRun: stepsAfter(plan, suiteIndex, step.id, !wait.recovered) };
              crashes.push(record);
              result.crash = record;
              const seconds = Math.round(wait.waitedMs / 100) / 10;
              suiteStopped = { cause: 'server-down', reason: 'not run: server down' };
              if (!wait.recovered) stopped = { cause: 'server-down', reason: `not run: server down (no answer within ${seconds} s)` };
            }
          }
        }
        if (step.checks !== undefined && step.checks.length > 0) result.requirements = step.checks;
        statuses.set(step.id, result.status);
        emit(reporters, (r) => r.onStepEnd?.(result));
        results.push(keepAll || !clean(result) ? result : { ...result, exchanges: [] });
        if (options.bail === true && (result.status === 'failed' || result.status === 'errored')) bailed = true;
      }
    } finally {
      // Per suite, so every suite starts from the server as it found it; a second signal cuts this short.
      const items = await ledger.drain(options.transport, cleanupSignal());
      cleanup.push(...items);
      sweep.carry(ledger);
    }
    // A limit the server declares makes the feature unsupported, as a profile's declaration does.
    const declaredLimit = results.some((r) => r.status === 'unsupported' && !profileLimits.includes(r.stepId));
    const result = suiteResult(suite, results, supportOf(suite, plan.profile) === 'unsupported' || declaredLimit, Math.round(performance.now() - suiteStarted), planned);
    if (profileLimits.length > 0 && result.verdict === 'ready') {
      result.verdictReason += `; ${profileLimits.length} known limit${profileLimits.length === 1 ? '' : 's'} of ${plan.profile.id}: ${profileLimits.join(', ')}`;
    }
    suites.push(result);
    emit(reporters, (r) => r.onSuiteEnd?.(result));
  }

  // Creates no suite could settle (e.g. a POST that timed out) are looked for once more, after every suite.
  cleanup.push(...(await sweep.run(options.transport, cleanupSignal())));
  deadline.dispose();
  emit(reporters, (r) => r.onCleanup?.(cleanup));
  const notices = [...plan.notices, ...runNotices];
  if (deadline.expired()) notices.push(deadline.notice());
  const bodiesCut = bodies.cut;
  if (bodiesCut > 0) notices.push(`${bodiesCut} response bod${bodiesCut === 1 ? 'y' : 'ies'} longer than ${formatBytes(reportBodyBytes)} ${bodiesCut === 1 ? 'is' : 'are'} cut in this report (--report-body-bytes); each is marked with its full size.`);
  notices.push(...cleanupNotices(cleanup, plan.runId));
  const summary: RunSummary = {
    ...summarize({
      runId: plan.runId,
      baseUrl: plan.baseUrl,
      profile: plan.profile.id,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      gate: plan.gate,
      suites,
      cleanup,
      notices,
      interrupted: options.signal.aborted,
      cut: deadline.expired(),
    }),
    ...(firstCause === undefined ? {} : { firstCause }),
    ...(crashes.length === 0 ? {} : { crashes }),
  };
  const { reason } = summary;
  for (const reporter of reporters) await reporter.onRunEnd?.(summary, reason);
  return summary;
}
