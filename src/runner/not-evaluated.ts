// When the status says the server answered something else than the step asked for (an error instead of the
// resource, or the resource instead of an error), the body checks describe a body that is not there: a 400 checked
// against the User schema is one failure, not eleven. Those checks are set aside as "not evaluated".
import type { Check } from '../assert/types.js';
import { countsAtGate } from './run-step.js';
import type { Level } from '../suite/types.js';
import type { StepResult } from './types.js';

const BODY_KINDS = new Set<Check['kind']>(['body', 'schema', 'paging']);

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** True when every status check failed and each expected the other family (2xx versus not) than what came back. */
export function statusMissedFamily(checks: readonly Check[]): boolean {
  const statusChecks = checks.filter((c) => c.kind === 'status');
  if (statusChecks.length === 0 || statusChecks.some((c) => c.passed)) return false;
  return statusChecks.every((c) => {
    const wanted = (Array.isArray(c.expected) ? c.expected : [c.expected]).filter((s): s is number => typeof s === 'number');
    const actual = typeof c.actual === 'number' ? c.actual : Number.NaN;
    return wanted.length > 0 && wanted.every((s) => isSuccess(s) !== isSuccess(actual));
  });
}

/** Moves the body checks of a step whose status missed out of `checks`, and recomputes warnings and status. */
export function setAsideUnevaluated(result: StepResult, gate: Level): StepResult {
  if (result.status !== 'failed' && result.status !== 'passed') return result;
  if (!statusMissedFamily(result.checks)) return result;
  const aside = result.checks.filter((c) => BODY_KINDS.has(c.kind));
  if (aside.length === 0) return result;
  const checks = result.checks.filter((c) => !BODY_KINDS.has(c.kind));
  const failed = checks.filter((c) => !c.passed);
  const warnings = failed.filter((c) => !countsAtGate(c.level, gate));
  // The status check itself failed, so a step that failed still fails unless that check is below the gate.
  const status = failed.some((c) => countsAtGate(c.level, gate)) ? 'failed' : 'passed';
  return { ...result, checks, warnings, status, notEvaluated: aside };
}
