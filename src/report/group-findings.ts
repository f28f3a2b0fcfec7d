// One cause, one block. Every reporter a person reads (pretty, GitHub, HTML) groups problems the same way:
// - within a step, checks that fail for one cause are one finding: the schema and the body check of the same pointer,
//   and the checks of an empty list (totalResults, Resources, itemsPerPage);
// - across steps, consecutive steps that errored with the same transport error are one block ("and 46 more steps").
import type { Check } from '../assert/types.js';
import type { Exchange } from '../http/types.js';
import { isEmptyList, LIST_POINTERS } from '../runner/empty-list.js';
import type { StepResult } from '../runner/types.js';

export interface Finding {
  /** The check the block is about (the first of its cause, the most severe level first). */
  check: Check;
  /** Other failed checks with the same cause, shown as details of this one. */
  related: Check[];
  /** Below the gate: reported, not failing the run. */
  warning: boolean;
  /** On a status finding: what the server said (SCIM Error detail and scimType, or the start of its body). */
  server?: string | undefined;
  /** On a status finding: how many body checks were not evaluated because the status was wrong. */
  notEvaluated?: number | undefined;
  /** The finding is "the list is empty": its related checks of the absent first resource are counted, not listed. */
  emptyList?: boolean | undefined;
}

const LEVEL_RANK = { required: 0, recommended: 1, optional: 2 } as const;
const SERVER_TEXT_MAX = 200;

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function oneLine(text: string, max = SERVER_TEXT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * What the server said in an error answer: `scimType invalidValue: "detail"` for a SCIM Error, the start of the body
 * otherwise. Exchanges are redacted before they reach a reporter, so this is too.
 */
export function serverSays(exchange: Exchange | undefined): string | undefined {
  if (exchange === undefined) return undefined;
  const { body, json } = exchange.response;
  const object = asObject(json);
  if (object !== undefined) {
    const detail = object['detail'];
    const scimType = object['scimType'];
    if (typeof detail === 'string' || typeof scimType === 'string') {
      const parts = [typeof scimType === 'string' ? `scimType ${oneLine(scimType, 60)}` : undefined, typeof detail === 'string' ? `"${oneLine(detail)}"` : undefined];
      return parts.filter((p) => p !== undefined).join(': ');
    }
  }
  if (body.trim() === '') return 'an empty body';
  return `${object === undefined && json === undefined ? 'a non-SCIM body: ' : ''}${oneLine(body)}`;
}

function exchangeFor(step: StepResult, check: Check): Exchange | undefined {
  if (check.kind === 'status') return step.exchanges.find((e) => e.response.status === check.actual) ?? step.exchanges[0];
  return step.exchanges[0];
}

/** Which check leads a finding: a failure before a warning, then the most severe level, then the body check (the line
 * the user wrote for this value) before others and the schema check last, then run order. */
function leadOrder(step: StepResult): (a: Check, b: Check) => number {
  const kindRank = (c: Check): number => (c.kind === 'body' ? 0 : c.kind === 'schema' ? 2 : 1);
  const warned = (c: Check): number => (step.warnings.includes(c) ? 1 : 0);
  return (a, b) => warned(a) - warned(b) || LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || kindRank(a) - kindRank(b);
}

/** The failed checks of a step as findings, one per cause, in the order their first check was made. */
export function stepFindings(step: StepResult): Finding[] {
  // A skipped step keeps what it observed for the record (e.g. the empty list of a --read-only run), but fails nothing.
  if (step.status === 'skipped') return [];
  const groups = new Map<string, Check[]>();
  const listEmpty = isEmptyList(step.exchanges[0]);
  for (const check of step.checks) {
    if (check.passed) continue;
    let key: string;
    if (check.kind === 'body' || check.kind === 'schema') {
      // Schema and body of one pointer fail for one cause; so do whole-body checks ('' pointer), and every check of
      // an empty list.
      key = listEmpty && LIST_POINTERS.test(check.pointer) ? 'empty-list' : `pointer ${check.pointer}`;
    } else {
      // Otherwise one expectation is one place in the suite (a paged step checks it once per page).
      const { file, line, column } = check.location;
      key = `${check.kind} ${check.pointer} ${file}:${line}:${column}`;
    }
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  const findings: Finding[] = [];
  for (const [key, checks] of groups) {
    const [check = checks[0]!, ...others] = [...checks].sort(leadOrder(step));
    // The same message again (the same check on another page) adds nothing.
    const related = others.filter((c, i) => c.message !== check.message && others.findIndex((o) => o.message === c.message) === i);
    const finding: Finding = { check, related, warning: checks.every((c) => step.warnings.includes(c)), ...(key === 'empty-list' ? { emptyList: true } : {}) };
    if (check.kind === 'status') {
      const exchange = exchangeFor(step, check);
      const status = exchange?.response.status ?? 0;
      if (status >= 300 || status < 200) finding.server = serverSays(exchange);
      if (step.notEvaluated !== undefined && step.notEvaluated.length > 0) finding.notEvaluated = step.notEvaluated.length;
    }
    findings.push(finding);
  }
  return findings;
}

/** Two errored steps share a block when their error is the same once the request's own method and URL are left out. */
export function errorKey(step: StepResult): string | undefined {
  const error = step.error;
  if (step.status !== 'errored' || error === undefined) return undefined;
  let detail = error.detail;
  if (error.request !== undefined) detail = detail.split(error.request.url).join('<url>').split(`${error.request.method} <url>`).join('<request>');
  return `${error.code}\n${error.title}\n${detail}\n${error.hint ?? ''}`;
}

export interface ProblemGroup {
  /** The step the block is about. */
  step: StepResult;
  findings: Finding[];
  /** Later steps that errored the same way, with nothing but skipped steps between them. */
  repeats: StepResult[];
  /** Steps skipped in between (they needed something a repeated step did not produce). */
  skippedBetween: number;
}

/** Every step with something to say, in run order; consecutive identical transport errors share one group. */
export function groupProblems(steps: readonly StepResult[]): ProblemGroup[] {
  const groups: ProblemGroup[] = [];
  let open: { group: ProblemGroup; key: string; skipped: number } | undefined;
  for (const step of steps) {
    if (step.notRun !== undefined) continue;
    const key = errorKey(step);
    if (open !== undefined) {
      if (key !== undefined && key === open.key) {
        open.group.repeats.push(step);
        open.group.skippedBetween += open.skipped;
        open.skipped = 0;
        continue;
      }
      if (step.status === 'skipped') {
        open.skipped += 1;
        continue;
      }
      open = undefined;
    }
    const findings = stepFindings(step);
    if (key === undefined && findings.length === 0 && step.firstCause === undefined && step.crash === undefined) continue;
    const group: ProblemGroup = { step, findings, repeats: [], skippedBetween: 0 };
    groups.push(group);
    if (key !== undefined && step.crash === undefined) open = { group, key, skipped: 0 };
  }
  return groups;
}

/** "and 46 more steps (users.create › lookup, …)" for a group with repeats, or undefined. */
export function repeatsLine(group: ProblemGroup, listAtMost = 3): string | undefined {
  const n = group.repeats.length;
  if (n === 0) return undefined;
  const names = group.repeats.slice(0, listAtMost).map((s) => `${s.suiteId} › ${s.stepId}`);
  const more = n > listAtMost ? ', …' : '';
  const skipped = group.skippedBetween > 0 ? `; ${group.skippedBetween} step${group.skippedBetween === 1 ? '' : 's'} in between skipped as a consequence` : '';
  return `and ${n} more step${n === 1 ? '' : 's'} failed the same way (${names.join(', ')}${more})${skipped}`;
}
