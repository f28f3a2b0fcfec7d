// Human output: a line per step, failure blocks as they happen, verdicts and counts at the end.
// On a TTY (not CI) a spinner shows the step in flight; otherwise plain lines with no escape codes.
// One cause, one block: steps not run because of a first cause or a crash are not listed one by one, and consecutive
// steps that errored the same way are one block ending in "and N more steps".
import type { Plan, RunSummary, StepResult, SuiteResult } from '../runner/types.js';
import { sanitizeText } from '../shared/sanitize-text.js';
import type { Suite } from '../suite/types.js';
import { formatStepProblems } from './format-check.js';
import { formatSummary } from './format-summary.js';
import { errorKey } from './group-findings.js';
import type { Style } from './style.js';
import type { Reporter } from '../runner/events.js';
import { wrapText } from './wrap.js';

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
  /** Wrap lines to this many columns (the terminal's width); undefined: never wrap. */
  width?: number | undefined;
}

/** A passed step whose own-purpose check warned (its status, or a check at the step's own level) gets no green tick. */
function ownPurposeWarning(result: StepResult): boolean {
  return result.warnings.some((c) => c.kind === 'status' || c.level === result.level);
}

function stepLine(result: StepResult, style: Style): string {
  const ms = style.dim(` ${result.durationMs} ms`);
  const warned = result.warnings.length > 0 ? style.yellow(` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})`) : '';
  switch (result.status) {
    case 'passed':
      return `  ${ownPurposeWarning(result) ? style.yellow('⚠') : style.green('✓')} ${result.title}${warned}${ms}`;
    case 'failed':
      return `  ${style.red('✗')} ${result.title}${ms}`;
    case 'errored':
      return `  ${style.red('✗')} ${result.title} ${style.red('(errored)')}${ms}`;
    case 'skipped':
      return `  ${style.yellow('-')} ${result.title} ${style.dim(`(skipped: ${sanitizeText(result.skipReason ?? '')})`)}`;
    case 'unsupported':
      return `  ${style.dim('○')} ${result.title} ${style.dim(`(unsupported, as declared${result.skipReason === undefined ? '' : `: ${result.skipReason}`})`)}${ms}`;
  }
}

function indent(block: string): string {
  return block.split('\n').map((l) => `    ${l}`).join('\n');
}

export function createPrettyReporter(options: PrettyOptions): Reporter {
  const { style, spinner } = options;
  const write = (text: string): void => options.write(wrapText(text, options.width));
  const shown = new Set<string>();
  /** A suite's header is printed when it starts, or, while a repeated error is being counted, with its first line. */
  const headers = new Map<string, string>();
  const printed = new Set<string>();
  const writeUnder = (suiteId: string, text: string): void => {
    if (!printed.has(suiteId)) {
      printed.add(suiteId);
      write(headers.get(suiteId) ?? '');
    }
    write(text);
  };
  let notRunInSuite: { count: number; reason: string } | undefined;
  /** An errored step's block is on screen; later steps that error the same way only add to its count. */
  let repeated: { key: string; count: number; skipped: number; names: string[]; held: StepResult[] } | undefined;

  const flushRepeated = (): void => {
    if (repeated === undefined) return;
    const { count, skipped, names, held } = repeated;
    repeated = undefined;
    if (count > 0) {
      const listed = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
      const between = skipped > 0 ? `; ${skipped} step${skipped === 1 ? '' : 's'} in between skipped as a consequence` : '';
      write(`    ${style.yellow(`… and ${count} more step${count === 1 ? '' : 's'} failed the same way (${listed})${between}`)}\n`);
    }
    // Skipped steps after the last repeat were held back in case another repeat came; they are shown as usual.
    for (const result of held) writeUnder(result.suiteId, `${stepLine(result, style)}\n`);
  };
  const flushNotRun = (): void => {
    if (notRunInSuite === undefined) return;
    const { count, reason } = notRunInSuite;
    notRunInSuite = undefined;
    write(`  ${style.yellow('-')} ${style.dim(`${count} more step${count === 1 ? '' : 's'} ${reason}`)}\n`);
  };

  return {
    onRunStart(plan: Plan) {
      write(`${style.bold('scim-check')} ${options.toolVersion} · ${plan.baseUrl} · profile ${plan.profile.id}: ${plan.profile.title} · run ${plan.runId}\n`);
      for (const notice of plan.notices) {
        write(`${style.yellow(sanitizeText(notice))}\n`);
        shown.add(notice);
      }
    },
    onSuiteStart(suite: Suite) {
      headers.set(suite.id, `\n${style.bold(suite.okta ?? suite.title)} ${style.dim(`${suite.id} · ${suite.file}`)}\n`);
      printed.delete(suite.id);
      // While identical errors are being counted, a suite that only adds to the count shows no header.
      if (repeated === undefined) writeUnder(suite.id, '');
    },
    onStepStart(_suite: Suite, _stepId: string, title: string) {
      spinner?.start(title);
    },
    onStepEnd(result: StepResult) {
      spinner?.stop();
      if (result.notRun !== undefined) {
        // Under a suite already on screen (a crash mid-suite) one line says what was left; otherwise the summary does.
        if (printed.has(result.suiteId)) notRunInSuite = { count: (notRunInSuite?.count ?? 0) + 1, reason: result.skipReason ?? 'not run' };
        return;
      }
      const key = errorKey(result);
      if (repeated !== undefined) {
        if (key === repeated.key) {
          repeated.count += 1;
          repeated.skipped += repeated.held.length;
          repeated.held = [];
          repeated.names.push(`${result.suiteId} › ${result.stepId}`);
          return;
        }
        if (result.status === 'skipped') {
          repeated.held.push(result);
          return;
        }
        flushRepeated();
      }
      writeUnder(result.suiteId, `${stepLine(result, style)}\n`);
      for (const block of formatStepProblems(result, style)) write(`${indent(block)}\n`);
      if (key !== undefined && result.crash === undefined) repeated = { key, count: 0, skipped: 0, names: [], held: [] };
    },
    onSuiteEnd(_result: SuiteResult) {
      flushNotRun();
    },
    onRunEnd(summary: RunSummary) {
      spinner?.stop();
      flushRepeated();
      write(`\n${formatSummary(summary, style, shown)}`);
    },
  };
}
