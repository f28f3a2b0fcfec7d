// Judges one live exchange with a suite step's expectations, through the same check code the runner uses
// (src/assert's checkExpectation after template expansion, then the gate), so the same bytes get the same verdict.
// What the live request could not bind (a value the runner would know from an earlier step) is left unchecked.
import { checkExpectation } from '../assert/index.js';
import type { Check } from '../assert/types.js';
import type { Exchange } from '../http/types.js';
import { countsAtGate } from '../runner/run-step.js';
import type { StepError, StepResult, StepStatus } from '../runner/types.js';
import { createScope, expandTemplates, isMatcherObject, templateRefs } from '../suite/index.js';
import type { TemplateScope } from '../suite/index.js';
import type { Expectation, Level, Step, Suite } from '../suite/types.js';
import type { Bindings } from './unify.js';

const PRUNED = Symbol('pruned');

/** Drops every part of a matcher tree that names a value the scope does not hold. */
function prune(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') {
    return templateRefs(value).every((ref) => ref.error === undefined && scope.lookup(ref.path).found) ? value : PRUNED;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => prune(item, scope));
    // An element's position and the list's length go together: a list missing an element checks nothing true.
    return items.includes(PRUNED) ? PRUNED : items;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let dropped = false;
    for (const [key, child] of Object.entries(record)) {
      const next = prune(child, scope);
      if (next === PRUNED) dropped = true;
      else out[key] = next;
    }
    if (!dropped) return out;
    // A matcher missing an argument, or an object left with nothing to compare, is no check at all.
    if (isMatcherObject(record) || Object.keys(out).length === 0) return PRUNED;
    return out;
  }
  return value;
}

/** The expectation with unbound parts removed, or undefined when nothing of it is left to check. */
function boundExpectation(expectation: Expectation, scope: TemplateScope): Expectation | undefined {
  const body = expectation.body === undefined ? undefined : prune(expectation.body, scope);
  const headers = expectation.headers === undefined ? undefined : prune(expectation.headers, scope);
  const out: Expectation = {
    ...expectation,
    body: body === PRUNED ? undefined : expandTemplates(body, scope),
    headers: headers === PRUNED || headers === undefined ? undefined : (expandTemplates(headers, scope) as Record<string, unknown>),
  };
  const checksSomething = out.status !== undefined || out.schema !== undefined || out.maxTimeMs !== undefined || out.body !== undefined || out.headers !== undefined;
  return checksSomething ? out : undefined;
}

/** Every check the step's expectations make on this exchange. */
export function checksFor(step: Step, suite: Suite, exchange: Exchange, bindings: Bindings): Check[] {
  const scope = createScope(bindings);
  const checks: Check[] = [];
  for (const expectation of step.expect) {
    const bound = boundExpectation(expectation, scope);
    if (bound !== undefined) checks.push(...checkExpectation(exchange, bound, { locate: suite.locate }));
  }
  return checks;
}

interface Judged {
  checks: Check[];
  warnings: Check[];
  status: StepStatus;
}

/** The runner's rule: a failed check at or above the gate fails the step; lower ones are warnings. */
export function verdictOf(checks: Check[], step: Step, gate: Level): Judged {
  const failed = checks.filter((c) => !c.passed);
  const failures = failed.filter((c) => countsAtGate(c.level, gate));
  const warnings = failed.filter((c) => !countsAtGate(c.level, gate));
  let status: StepStatus = failures.length > 0 ? 'failed' : 'passed';
  if (status === 'passed' && step.when?.support === 'unsupported') status = 'unsupported';
  return { checks, warnings, status };
}

export interface JudgeInput {
  suite: Suite;
  step: Step;
  /** A step of the same suite with the same request that the answer shows it was (a look-up that found someone). */
  alternative?: Step | undefined;
  exchange: Exchange;
  bindings: Bindings;
  gate: Level;
  /** Shown before the step's title, e.g. "#3". */
  label: string;
}

/** A StepResult for one live exchange, as the runner would have built it for the step. */
export function judgeExchange(input: JudgeInput): StepResult {
  const chosen = input.alternative ?? input.step;
  const judged = verdictOf(checksFor(chosen, input.suite, input.exchange, input.bindings), chosen, input.gate);
  return {
    suiteId: input.suite.id,
    stepId: chosen.id,
    title: `${input.label} ${chosen.title}`,
    level: chosen.level,
    status: judged.status,
    checks: judged.checks,
    warnings: judged.warnings,
    exchanges: [input.exchange],
    durationMs: Math.round(input.exchange.timings.total),
    location: input.suite.locate(chosen.pointer),
  };
}

/** A StepResult for an exchange that could not complete (the target refused, timed out, …). */
export function erroredResult(suite: Suite, step: Step, label: string, error: StepError, durationMs: number): StepResult {
  return {
    suiteId: suite.id,
    stepId: step.id,
    title: `${label} ${step.title}`,
    level: step.level,
    status: 'errored',
    checks: [],
    warnings: [],
    exchanges: [],
    error,
    durationMs: Math.round(durationMs),
    location: suite.locate(step.pointer),
  };
}
