// The one failure renderer: the pretty, JUnit and GitHub reporters all print these blocks.
import type { Check } from '../assert/types.js';
import type { SourceLocation } from '../errors.js';
import type { HttpRequest } from '../http/types.js';
import type { Crash, FirstCause, StepResult } from '../runner/types.js';
import { sanitizeText } from '../shared/sanitize-text.js';
import { groupProblems, repeatsLine, stepFindings } from './group-findings.js';
import type { Finding, ProblemGroup } from './group-findings.js';
import { plainStyle } from './style.js';
import type { Style } from './style.js';

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

function checkLabel(check: Check): string {
  if (check.kind === 'header') return `header ${check.pointer}`;
  if ((check.kind === 'body' || check.kind === 'schema') && check.pointer !== '') return `${check.kind} ${check.pointer}`;
  return check.kind;
}

/** A related check as one detail line: "also (schema, recommended): /totalResults is required". */
function relatedLine(check: Check, lead: Check): string {
  const what = check.pointer === lead.pointer || check.pointer === '' ? check.kind : `${check.kind} ${check.pointer}`;
  return `also (${what}${check.level === lead.level ? '' : `, ${check.level}`}): ${check.message}`;
}

/**
 * ✗ users.create › create: status
 *   at suites/okta/users-create.yaml:27:15
 *   expected 201 Created, got 400 Bad Request
 *   server said: scimType invalidValue: "name.familyName is required"
 *   not evaluated: 6 checks of the success body (the status was wrong)
 *   why: …
 *   hint: …
 */
export function formatFinding(step: Pick<StepResult, 'suiteId' | 'stepId'>, finding: Finding, style: Style = plainStyle): string {
  const check = finding.check;
  const mark = finding.warning ? '⚠' : '✗';
  const lines = [
    `${mark === '✗' ? style.red(mark) : style.yellow(mark)} ${style.bold(`${step.suiteId} › ${step.stepId}`)}: ${checkLabel(check)}${check.level === 'required' ? '' : style.dim(` (${check.level})`)}`,
    `  ${style.dim(`at ${formatLocation(check.location)}`)}`,
    // Messages quote what the server sent (reason phrases, values, ids): never let it reach a terminal raw.
    ...sanitizeText(check.message, { multiline: true }).split('\n').map((l) => `  ${l}`),
  ];
  if (finding.server !== undefined) lines.push(`  server said: ${sanitizeText(finding.server)}`);
  // Checks of the first resource of an empty list say the same thing each: count them instead.
  const ofAbsent = finding.emptyList === true ? finding.related.filter((c) => /^\/Resources\/\d/.test(c.pointer)) : [];
  for (const other of finding.related) if (!ofAbsent.includes(other)) lines.push(`  ${style.dim(relatedLine(other, check))}`);
  if (ofAbsent.length > 0) lines.push(`  ${style.dim(`also ${ofAbsent.length} check${ofAbsent.length === 1 ? '' : 's'} of attributes of the first resource, which the empty list does not have`)}`);
  if (finding.notEvaluated !== undefined) {
    lines.push(`  ${style.dim(`not evaluated: ${finding.notEvaluated} check${finding.notEvaluated === 1 ? '' : 's'} of the expected body (the answer was not the one they describe)`)}`);
  }
  if (check.why !== undefined) lines.push(`  ${style.dim(`why: ${sanitizeText(check.why)}`)}`);
  const hint = check.hint ?? finding.related.find((c) => c.hint !== undefined)?.hint;
  if (hint !== undefined) lines.push(`  ${style.cyan(`hint: ${sanitizeText(hint)}`)}`);
  return lines.join('\n');
}

/** One failed check on its own (kept for callers that have no step at hand). */
export function formatCheckFailure(step: Pick<StepResult, 'suiteId' | 'stepId'>, check: Check, style: Style = plainStyle, mark = '✗'): string {
  return formatFinding(step, { check, related: [], warning: mark !== '✗' }, style);
}

/** The block for a step that could not complete (transport or template error). */
export function formatStepError(step: StepResult, style: Style = plainStyle, repeats?: string): string {
  const error = step.error;
  if (error === undefined) return '';
  const lines = [
    `${style.red('✗')} ${style.bold(`${step.suiteId} › ${step.stepId}`)}: ${sanitizeText(error.title)}`,
    `  ${style.dim(`at ${formatLocation(step.location)}`)}`,
    ...sanitizeText(error.detail, { multiline: true }).split('\n').map((l) => `  ${l}`),
  ];
  if (error.request !== undefined) lines.push(`  ${style.dim(`request: ${sanitizeText(`${error.request.method} ${error.request.url}`)}`)}`);
  if (error.hint !== undefined && step.crash === undefined) lines.push(`  ${style.cyan(`hint: ${sanitizeText(error.hint)}`)}`);
  if (repeats !== undefined) lines.push(`  ${style.yellow(repeats)}`);
  return lines.join('\n');
}

/** The first bytes of a request body, on one line. Exchanges and step errors are already redacted. */
function bodyExcerpt(request: HttpRequest, max = 300): string | undefined {
  if (request.body === undefined || request.body === '') return undefined;
  const flat = request.body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The one block of a first cause: what Test API Credentials got (the failed check or the transport error, with the
 * server's words), what diagnose's probes found, the cause, the fix, and what was not run because of it.
 *
 * ✗ First cause: The server refused the credentials (401 Unauthorized): …
 *   at suites/okta/test-credentials.yaml:27:17
 *   expected 200 OK, got 401 Unauthorized
 *   server said: "…"
 *   tried Authorization: <token>: HTTP/1.1 401 Unauthorized
 *   cause: …
 *   fix: …
 *   not run: the 84 later steps depend on it (--keep-going runs them anyway)
 */
export function formatFirstCause(cause: FirstCause, style: Style = plainStyle, step?: StepResult): string {
  const lines = [`${style.red('✗')} ${style.bold('First cause:')} ${cause.title}`];
  if (step !== undefined) {
    const findings = stepFindings(step);
    const location = findings[0]?.check.location ?? step.location;
    lines.push(`  ${style.dim(`at ${formatLocation(location)}`)}`);
    if (step.error !== undefined) {
      lines.push(...step.error.detail.split('\n').map((l) => `  ${l}`));
      if (step.error.request !== undefined) lines.push(`  ${style.dim(`request: ${step.error.request.method} ${step.error.request.url}`)}`);
    }
    for (const finding of findings) {
      lines.push(`  ${finding.check.message}`);
      if (finding.server !== undefined) lines.push(`  server said: ${finding.server}`);
      if (finding.notEvaluated !== undefined) lines.push(`  ${style.dim(`not evaluated: ${finding.notEvaluated} check${finding.notEvaluated === 1 ? '' : 's'} of the expected body`)}`);
    }
    const why = findings[0]?.check.why;
    if (why !== undefined) lines.push(`  ${style.dim(`why: ${why}`)}`);
  }
  lines.push(...cause.evidence.map((e) => `  ${style.dim(e)}`), `  cause: ${cause.cause}`, `  ${style.cyan(`fix: ${cause.fix}`)}`);
  if (cause.notRun > 0) {
    lines.push(`  ${style.yellow(`not run: the ${cause.notRun} later step${cause.notRun === 1 ? '' : 's'} depend on it (--keep-going runs them anyway)`)}`);
  }
  return lines.join('\n');
}

/**
 * ✗ Server down after users.create › create
 *   likely trigger: POST http://…/Users (the request in flight when the connection was cut)
 *   body: {"userName":…}
 *   waited 5.0 s: it did not come back; 40 steps not run: server down
 */
export function formatCrash(crash: Crash, style: Style = plainStyle): string {
  const lines = [`${style.red('✗')} ${style.bold('The server stopped answering')} at ${crash.suiteId} › ${crash.stepId} (${crash.code})`];
  const trigger = crash.trigger;
  if (trigger !== undefined) {
    const role = crash.triggerRole === 'in-flight' ? 'the connection was cut while it was being answered' : 'the last request it answered before refusing connections';
    lines.push(`  likely trigger: ${trigger.method} ${trigger.url} (${role})`);
    const body = bodyExcerpt(trigger);
    if (body !== undefined) lines.push(`  ${style.dim(`body: ${body}`)}`);
  }
  if (crash.previous !== undefined) {
    // A server that dies right after answering cuts the next request on a kept-alive connection the same way.
    lines.push(`  or the request before it, if the server died right after answering: ${crash.previous.method} ${crash.previous.url}`);
    const body = bodyExcerpt(crash.previous);
    if (body !== undefined) lines.push(`  ${style.dim(`body: ${body}`)}`);
  }
  const waited = `${(crash.waitedMs / 1000).toFixed(1)} s`;
  lines.push(
    crash.recovered
      ? `  it answered again after ${waited}; the rest of this suite is not run (${crash.notRun} step${crash.notRun === 1 ? '' : 's'}: server down), the next suite goes on`
      : `  ${style.yellow(`no answer within ${waited} (--recover-wait): ${crash.notRun} later step${crash.notRun === 1 ? '' : 's'} not run: server down`)}`,
  );
  lines.push(`  ${style.cyan('hint: look at the server log around this request; rerun with --recover-wait SECONDS if it restarts slowly')}`);
  return lines.join('\n');
}

/** Every block of one problem group: the step error (with its repeats) or findings, then first cause or crash. */
export function formatGroup(group: ProblemGroup, style: Style = plainStyle): string[] {
  const { step } = group;
  if (step.firstCause !== undefined) {
    const repeats = repeatsLine(group);
    return [formatFirstCause(step.firstCause, style, step) + (repeats === undefined ? '' : `\n  ${style.yellow(repeats)}`)];
  }
  const blocks: string[] = [];
  if (step.status === 'errored') blocks.push(formatStepError(step, style, repeatsLine(group)));
  for (const finding of group.findings) blocks.push(formatFinding(step, finding, style));
  if (step.crash !== undefined) blocks.push(formatCrash(step.crash, style));
  return blocks;
}

/** Every failure and warning of a step, as blocks (one per cause). */
export function formatStepProblems(step: StepResult, style: Style = plainStyle): string[] {
  return formatGroup({ step, findings: stepFindings(step), repeats: [], skippedBetween: 0 }, style);
}

/** Every block of a run, grouped: what the GitHub summary and other whole-run reporters print. */
export function formatRunProblems(steps: readonly StepResult[], style: Style = plainStyle): { failures: string[]; warnings: string[] } {
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const group of groupProblems(steps)) {
    const { step } = group;
    if (step.firstCause !== undefined) {
      failures.push(...formatGroup(group, style));
      continue;
    }
    if (step.status === 'errored') failures.push(formatStepError(step, style, repeatsLine(group)));
    for (const finding of group.findings) (finding.warning ? warnings : failures).push(formatFinding(step, finding, style));
    if (step.crash !== undefined) failures.push(formatCrash(step.crash, style));
  }
  return { failures, warnings };
}
