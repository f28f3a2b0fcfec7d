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
  /** Why a step was skipped (or is unsupported, as the server declares), in one sentence. */
  skipReason?: string | undefined;
  /** Ids of the requirements (docs/requirements.md) the step checks. */
  requirements?: string[] | undefined;
  durationMs: number;
  location: SourceLocation;
}

export type FeatureVerdict = 'ready' | 'not-ready' | 'unsupported' | 'not-checked';

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
  outcome: 'deleted' | 'gone' | 'fallback' | 'failed' | 'not-run';
  /** e.g. "deactivated (the server does not allow DELETE /Users)". */
  detail: string;
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
}

export type RunEndReason = 'passed' | 'failed' | 'interrupted';

/** The plan as reporters see it before anything is sent. */
export interface PlannedSuite {
  suite: Suite;
  /** Steps that will run, in order; others are listed with why not. */
  steps: Array<{ stepId: string; runs: boolean; reason?: string | undefined }>;
}

export interface Plan {
  runId: string;
  baseUrl: string;
  profile: Profile;
  gate: Level;
  suites: PlannedSuite[];
  notices: string[];
}
