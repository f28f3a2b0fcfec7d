// What a run produces: step results, suite results, the summary, and the events reporters listen to.
import type { Check } from '../assert/types.js';
import type { SourceLocation } from '../errors.js';
import type { Exchange, HttpRequest } from '../http/types.js';
import type { Level, Profile, Suite } from '../suite/types.js';

/**
 * One outcome per step; counts, JUnit elements and exit codes derive from it.
 * `unsupported`: the profile declares the feature deliberately absent and the server refused it cleanly.
 */
export type StepStatus = 'passed' | 'failed' | 'errored' | 'skipped' | 'unsupported';

/** A transport or runner error that stopped a step (not a failed check). */
export interface StepError {
  code: string;
  title: string;
  detail: string;
  hint?: string | undefined;
  /** The request that was attempted, redacted. */
  request?: HttpRequest | undefined;
}

export interface StepResult {
  suiteId: string;
  stepId: string;
  title: string;
  level: Level;
  status: StepStatus;
  /** Every check made, passed or not, in order. */
  checks: Check[];
  /** Failed checks whose level is below the run's gate: reported, never failing the run. */
  warnings: Check[];
  /** Redacted exchanges, in order (several for a paged step). */
  exchanges: Exchange[];
  error?: StepError | undefined;
  /** Set on a skipped step that does not apply to this server (its `when.declared` does not hold): it leaves nothing unchecked. */
  inapplicable?: true | undefined;
  /** Why a step was skipped (or is unsupported, as the server declares), in one sentence. */
  skipReason?: string | undefined;
  /** Set on a skipped step that was not run because an earlier failure made it pointless (see first-cause.ts, crash-watch.ts). */
  notRun?: NotRunCause | undefined;
  /** Body, schema and paging checks left out because the status showed the answer was not the one they describe. */
  notEvaluated?: Check[] | undefined;
  /** On the Test API Credentials step that failed in a way every later suite depends on. */
  firstCause?: FirstCause | undefined;
  /** On the step during or after which the server stopped answering. */
  crash?: Crash | undefined;
  /** Ids of the requirements (docs/requirements.md) the step checks. */
  requirements?: string[] | undefined;
  durationMs: number;
  location: SourceLocation;
}

/** `partly-checked`: every step that ran passed, but the selection (--read-only, --grep, …) left some out. */
export type FeatureVerdict = 'ready' | 'not-ready' | 'unsupported' | 'not-checked' | 'partly-checked';

export type NotRunCause = 'first-cause' | 'server-down';

/** Why Test API Credentials failed, said once, with the fix (from diagnose's findings where they apply). */
export interface FirstCause {
  suiteId: string;
  stepId: string;
  kind: 'transport' | 'tls' | 'auth' | 'no-credentials' | 'not-found';
  /** One line: "The server refused the credentials (401 Unauthorized)". */
  title: string;
  cause: string;
  fix: string;
  /** What was observed on the way (probes of nearby base URLs, credential forms tried), redacted. */
  evidence: string[];
  /** Steps not run because of it (0 with --keep-going). */
  notRun: number;
}

/** The server stopped answering (refused or reset) after it had answered. */
export interface Crash {
  suiteId: string;
  stepId: string;
  /** The request that most likely brought it down, redacted. */
  trigger?: HttpRequest | undefined;
  /** How the trigger relates to the failure: it was the request in flight, or the last one answered. */
  triggerRole: 'in-flight' | 'last-answered';
  /** With an in-flight trigger: the last request answered before it (a server that dies right after answering looks the same on a reused connection). */
  previous?: HttpRequest | undefined;
  /** The transport error (target.refused, target.reset). */
  code: string;
  recovered: boolean;
  waitedMs: number;
  /** Steps marked "not run: server down" because of it. */
  notRun: number;
}

export interface SuiteResult {
  suiteId: string;
  title: string;
  okta?: string | undefined;
  feature?: string | undefined;
  file: string;
  steps: StepResult[];
  verdict: FeatureVerdict;
  /** e.g. "2 required checks failed". */
  verdictReason: string;
  durationMs: number;
}

export interface CleanupItem {
  /** Which step registered it. */
  suiteId: string;
  stepId: string;
  /** The request(s) tried, redacted. */
  requests: HttpRequest[];
  /**
   * `deleted`/`gone`: confirmed gone by a GET; `fallback`: deactivated and left on the server; `failed`/`not-run`:
   * may be left; `deferred`: a create not found yet, looked for again by the end-of-run sweep (its own item);
   * `swept`: the sweep's own look-up by the run id prefix (the detail says what it found).
   */
  outcome: 'deleted' | 'gone' | 'fallback' | 'failed' | 'not-run' | 'deferred' | 'swept';
  /** e.g. "deactivated (the server does not allow DELETE /Users)". */
  detail: string;
  /** The resource's path below the base URL ('/Users/a%2Fb'), when the run knows it. */
  resource?: string | undefined;
  /** The server's id of the resource, when the run learnt it. */
  id?: string | undefined;
  /** `sweep` for the end-of-run look for creates no suite could settle (sent after every suite). */
  phase?: 'sweep' | undefined;
  /** The answered cleanup exchanges, redacted, when the ledger keeps them (the HAR reporter includes them). */
  exchanges?: Exchange[] | undefined;
}

export interface RunCounts {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  unsupported: number;
  warnings: number;
  /** Of the skipped steps, those not run because of a first cause or a server crash. */
  notRun?: number | undefined;
  total: number;
}

export interface RunSummary {
  runId: string;
  baseUrl: string;
  profile: string;
  startedAt: string;
  durationMs: number;
  gate: Level;
  counts: RunCounts;
  suites: SuiteResult[];
  cleanup: CleanupItem[];
  /** True when something the run created may still exist on the target. */
  cleanupIncomplete: boolean;
  reason: RunEndReason;
  /** Lines the user must see (e.g. TLS verification is off). */
  notices: string[];
  firstCause?: FirstCause | undefined;
  crashes?: Crash[] | undefined;
}

export type RunEndReason = 'passed' | 'failed' | 'interrupted';

/** The plan as reporters see it before anything is sent. */
export interface PlannedSuite {
  suite: Suite;
  /** Steps that will run, in order; others are listed with why not. */
  steps: Array<{ stepId: string; runs: boolean; reason?: string | undefined; /** Left out by --grep, --read-only, … rather than by the profile. */ bySelection?: boolean | undefined }>;
}

export interface Plan {
  runId: string;
  baseUrl: string;
  profile: Profile;
  gate: Level;
  suites: PlannedSuite[];
  notices: string[];
}
