// The one failure renderer: the pretty, JUnit and GitHub reporters all print these blocks.
import type { Check } from '../assert/types.js';
import type { SourceLocation } from '../errors.js';
import type { StepResult } from '../runner/types.js';
import { sanitizeText } from '../shared/sanitize-text.js';
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

/**
 * ✗ users.create › create: status
 *   at suites/okta/users-create.yaml:27:15
 *   expected 201 Created, got 200 OK
 *   why: …
 *   hint: …
 */
export function formatCheckFailure(step: Pick<StepResult, 'suiteId' | 'stepId'>, check: Check, style: Style = plainStyle, mark = '✗'): string {
  const lines = [
    `${mark === '✗' ? style.red(mark) : style.yellow(mark)} ${style.bold(`${step.suiteId} › ${step.stepId}`)}: ${checkLabel(check)}${check.level === 'required' ? '' : style.dim(` (${check.level})`)}`,
    `  ${style.dim(`at ${formatLocation(check.location)}`)}`,
    // Messages quote what the server sent (reason phrases, values, ids): never let it reach a terminal raw.
    ...sanitizeText(check.message, { multiline: true }).split('\n').map((l) => `  ${l}`),
  ];
  if (check.why !== undefined) lines.push(`  ${style.dim(`why: ${sanitizeText(check.why)}`)}`);
  if (check.hint !== undefined) lines.push(`  ${style.cyan(`hint: ${sanitizeText(check.hint)}`)}`);
  return lines.join('\n');
}

/** The block for a step that could not complete (transport or template error). */
export function formatStepError(step: StepResult, style: Style = plainStyle): string {
  const error = step.error;
  if (error === undefined) return '';
  const lines = [
    `${style.red('✗')} ${style.bold(`${step.suiteId} › ${step.stepId}`)}: ${sanitizeText(error.title)}`,
    `  ${style.dim(`at ${formatLocation(step.location)}`)}`,
    ...sanitizeText(error.detail, { multiline: true }).split('\n').map((l) => `  ${l}`),
  ];
  if (error.request !== undefined) lines.push(`  ${style.dim(`request: ${sanitizeText(`${error.request.method} ${error.request.url}`)}`)}`);
  if (error.hint !== undefined) lines.push(`  ${style.cyan(`hint: ${sanitizeText(error.hint)}`)}`);
  return lines.join('\n');
}

/** Every failure and warning of a step, as blocks separated by blank lines. */
export function formatStepProblems(step: StepResult, style: Style = plainStyle): string[] {
  const blocks: string[] = [];
  if (step.status === 'errored') blocks.push(formatStepError(step, style));
  for (const check of step.checks) {
    if (check.passed) continue;
    const warning = step.warnings.includes(check);
    blocks.push(formatCheckFailure(step, check, style, warning ? '⚠' : '✗'));
  }
  return blocks;
}
