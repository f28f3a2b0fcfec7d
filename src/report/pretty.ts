// Human output: a line per step, failure blocks as they happen, verdicts and counts at the end.
// On a TTY (not CI) a spinner shows the step in flight; otherwise plain lines with no escape codes.
import type { Plan, RunSummary, StepResult } from '../runner/types.js';
import { sanitizeText } from '../shared/sanitize-text.js';
import type { Suite } from '../suite/types.js';
import { formatStepProblems } from './format-check.js';
import { formatSummary } from './format-summary.js';
import type { Style } from './style.js';
import type { Reporter } from '../runner/events.js';

export interface Spinner {
  start(text: string): void;
  stop(): void;
}

export interface PrettyOptions {
  write: (text: string) => void;
  style: Style;
  /** Present only when a spinner may animate (TTY, not CI). */
  spinner?: Spinner | undefined;
  toolVersion: string;
}

function stepLine(result: StepResult, style: Style): string {
  const ms = style.dim(` ${result.durationMs} ms`);
  switch (result.status) {
    case 'passed':
      return `  ${style.green('✓')} ${result.title}${result.warnings.length > 0 ? style.yellow(` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})`) : ''}${ms}`;
    case 'failed':
      return `  ${style.red('✗')} ${result.title}${ms}`;
    case 'errored':
      return `  ${style.red('✗')} ${result.title} ${style.red('(errored)')}${ms}`;
    case 'skipped':
      return `  ${style.yellow('-')} ${result.title} ${style.dim(`(skipped: ${sanitizeText(result.skipReason ?? '')})`)}`;
    case 'unsupported':
      return `  ${style.dim('○')} ${result.title} ${style.dim('(unsupported, as declared)')}${ms}`;
  }
}

function indent(block: string): string {
  return block.split('\n').map((l) => `    ${l}`).join('\n');
}

export function createPrettyReporter(options: PrettyOptions): Reporter {
  const { write, style, spinner } = options;
  const shown = new Set<string>();
  return {
    onRunStart(plan: Plan) {
      write(`${style.bold('scim-check')} ${options.toolVersion} · ${plan.baseUrl} · profile ${plan.profile.id}: ${plan.profile.title} · run ${plan.runId}\n`);
      for (const notice of plan.notices) {
        write(`${style.yellow(sanitizeText(notice))}\n`);
        shown.add(notice);
      }
    },
    onSuiteStart(suite: Suite) {
      write(`\n${style.bold(suite.okta ?? suite.title)} ${style.dim(`${suite.id} · ${suite.file}`)}\n`);
    },
    onStepStart(_suite: Suite, _stepId: string, title: string) {
      spinner?.start(title);
    },
    onStepEnd(result: StepResult) {
      spinner?.stop();
      write(`${stepLine(result, style)}\n`);
      for (const block of formatStepProblems(result, style)) write(`${indent(block)}\n`);
    },
    onRunEnd(summary: RunSummary) {
      spinner?.stop();
      write(`\n${formatSummary(summary, style, shown)}`);
    },
  };
}
