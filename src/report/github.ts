// `--reporter github`: GitHub Actions workflow commands (::error/::warning on the suite YAML line of each failed
// expectation) to stdout, and a Markdown job summary appended to $GITHUB_STEP_SUMMARY when the runner sets it.
// The texts come from format-check.ts (uncoloured), the same blocks the terminal shows.
import { appendFileSync } from 'node:fs';
import type { RunSummary, StepResult, SuiteResult } from '../runner/types.js';
import { formatRunProblems } from './format-check.js';
import { formatCounts } from './format-summary.js';
import { runAnnotations } from './github-annotations.js';
import type { Annotation, FileResolver } from './github-annotations.js';
import type { Reporter } from '../runner/events.js';

/** Message data of a workflow command (GitHub's toolkit escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (file, title): also ":" and "," since they delimit properties (toolkit escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Command = 'error' | 'warning';

function workflowCommand(command: Command, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(message)}\n`;
}

function annotationCommand(annotation: Annotation): string {
  const { location } = annotation;
  const properties = location === undefined ? { title: annotation.title } : { file: location.file, line: location.line, col: location.column, title: annotation.title };
  return workflowCommand(annotation.command, properties, annotation.message);
}

/**
 * Every annotation of a run as workflow commands: errors first, then warnings, each most important first and within
 * GitHub's per-step limit (github-annotations.ts). `fileOf` decides which suite files are the user's to point at.
 */
export function toAnnotations(summary: RunSummary, fileOf?: FileResolver): string {
  return runAnnotations(summary, fileOf).map(annotationCommand).join('');
}

/** Table cells: a pipe ends the cell and a newline ends the row; "<" would start HTML. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** Inline code that survives backticks in the value. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

const VERDICT: Record<SuiteResult['verdict'], string> = {
  ready: '✅ ready',
  'not-ready': '❌ not ready',
  unsupported: '⚪ unsupported',
  'not-checked': '➖ not checked',
  'partly-checked': '◐ partly checked',
};

/** GitHub caps a step summary at 1 MiB; the failures section stops well before that. */
const SUMMARY_FAILURES_BUDGET = 512 * 1024;

/** The Markdown job summary: verdict per Okta feature, then every failure block, then warnings folded. */
export function toStepSummary(summary: RunSummary, exitCode: number): string {
  const notReady = summary.suites.filter((s) => s.verdict === 'not-ready').length;
  const heading =
    summary.reason === 'interrupted'
      ? '⚠️ scim-check: run interrupted'
      : notReady > 0
        ? `❌ scim-check: ${notReady} of ${summary.suites.length} Okta feature${summary.suites.length === 1 ? '' : 's'} not ready`
        : `✅ scim-check: no Okta feature failed (${summary.suites.length} checked)`;
  const lines = [
    // A blank line first: what an earlier step appended may not end its last line.
    '',
    `## ${heading}`,
    '',
    `Run ${code(summary.runId)} against ${code(summary.baseUrl)}, profile ${code(summary.profile)}, gate ${code(summary.gate)}: ${formatCounts(summary.counts)}, exit code ${exitCode}.`,
    '',
  ];
  if (summary.suites.length > 0) {
    lines.push('| Okta feature | Suite | Verdict |', '| --- | --- | --- |');
    for (const suite of summary.suites) {
      lines.push(`| ${cell(suite.okta ?? suite.title)} | ${code(suite.suiteId)} | ${VERDICT[suite.verdict]}: ${cell(suite.verdictReason)} |`);
    }
    lines.push('');
  }
  // One block per cause, grouped as the terminal shows them (group-findings.ts).
  const { failures, warnings } = formatRunProblems(summary.suites.flatMap((s) => s.steps));
  const leftovers = summary.cleanup.filter((c) => c.outcome === 'failed' || c.outcome === 'not-run');
  if (leftovers.length > 0) {
    lines.push(`### Cleanup incomplete`, '', `${leftovers.length} resource(s) may be left on ${code(summary.baseUrl)}:`, '');
    for (const item of leftovers) lines.push(`- ${code(`${item.suiteId} › ${item.stepId}`)}: ${cell(item.detail)}`);
    lines.push('');
  }
  if (failures.length > 0) {
    lines.push(`### Failures (${failures.length})`, '');
    let used = 0;
    let shown = 0;
    for (const block of failures) {
      if (used + block.length > SUMMARY_FAILURES_BUDGET) break;
      used += block.length;
      shown += 1;
    }
    lines.push(fenced(failures.slice(0, shown).join('\n\n')), '');
    if (shown < failures.length) lines.push(`… and ${failures.length - shown} more failures: see the JUnit or JSON report.`, '');
  }
  if (warnings.length > 0) {
    lines.push(`<details><summary>${warnings.length} warning${warnings.length === 1 ? '' : 's'} (below the --level gate; they do not fail the run)</summary>`, '');
    lines.push(fenced(warnings.join('\n\n')), '', '</details>', '');
  }
  for (const notice of summary.notices) lines.push(`> ${cell(notice)}`, '');
  return `${lines.join('\n')}\n`;
}

export interface GithubReporterOptions {
  /** Where annotations go (stdout, so the Actions runner reads them). */
  write: (text: string) => void | Promise<void>;
  env: Record<string, string | undefined>;
  exitCode: (summary: RunSummary) => number;
  /** Which suite files are in the user's repository (annotated on their line); default: every file as given. */
  fileOf?: FileResolver | undefined;
  /** Injected for tests; defaults to fs.appendFileSync. */
  append?: ((path: string, text: string) => void) | undefined;
}

export function createGithubReporter(options: GithubReporterOptions): Reporter {
  const append = options.append ?? ((path: string, text: string) => appendFileSync(path, text, 'utf8'));
  return {
    async onRunEnd(summary) {
      let out = toAnnotations(summary, options.fileOf);
      const path = options.env['GITHUB_STEP_SUMMARY'];
      if (path !== undefined && path !== '') {
        try {
          append(path, toStepSummary(summary, options.exitCode(summary)));
        } catch (error) {
          // The summary is a convenience: the annotations and the exit code still gate the job, so say so and go on.
          const reason = (error as NodeJS.ErrnoException).code ?? 'write failed';
          out += workflowCommand('warning', { title: 'scim-check' }, `could not append the job summary to $GITHUB_STEP_SUMMARY (${path}): ${reason}`);
        }
      }
      await options.write(out);
    },
  };
}
