// Pure summary text: per-feature verdicts, cleanup, and the closing counts line.
import type { RunCounts, RunSummary, SuiteResult } from '../runner/types.js';
import { sanitizeText } from '../shared/sanitize-text.js';
import { plainStyle } from './style.js';
import type { Style } from './style.js';

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatCounts(counts: RunCounts, style: Style = plainStyle): string {
  const parts = [
    counts.passed > 0 ? style.green(`${counts.passed} passed`) : '0 passed',
    counts.failed > 0 ? style.red(`${counts.failed} failed`) : undefined,
    counts.errored > 0 ? style.red(`${counts.errored} errored`) : undefined,
    counts.skipped - (counts.notRun ?? 0) > 0 ? style.yellow(`${counts.skipped - (counts.notRun ?? 0)} skipped`) : undefined,
    (counts.notRun ?? 0) > 0 ? style.yellow(`${counts.notRun ?? 0} not run`) : undefined,
    counts.unsupported > 0 ? `${counts.unsupported} unsupported` : undefined,
  ].filter((p): p is string => p !== undefined);
  const warn = counts.warnings > 0 ? ` · ${style.yellow(`${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`)}` : '';
  return `Steps: ${parts.join(', ')} (${counts.total})${warn}`;
}

export function verdictLine(suite: SuiteResult, width: number, style: Style = plainStyle): string {
  const name = (suite.okta ?? suite.title).padEnd(width);
  switch (suite.verdict) {
    case 'ready':
      return `  ${style.green('✓')} ${name}  ${style.green(suite.verdictReason)}`;
    case 'unsupported':
      return `  ${style.dim('○')} ${name}  ${suite.verdictReason}`;
    case 'not-checked':
      return `  ${style.yellow('-')} ${name}  ${style.yellow(`not checked (${suite.verdictReason})`)}`;
    case 'partly-checked':
      return `  ${style.yellow('◐')} ${name}  ${style.yellow(`partly checked — ${suite.verdictReason}`)}`;
    case 'not-ready':
      return `  ${style.red('✗')} ${name}  ${style.red(`not ready — ${suite.verdictReason}`)}`;
  }
}

/** The closing block: verdict per Okta feature, what cleanup could not do, notices, counts. */
export function formatSummary(summary: RunSummary, style: Style = plainStyle, shown: ReadonlySet<string> = new Set()): string {
  const lines: string[] = [];
  // A suite that replays no Okta feature has no place in the Okta feature table; it gets its own.
  const okta = summary.suites.filter((s) => s.feature !== undefined);
  const other = summary.suites.filter((s) => s.feature === undefined);
  const width = Math.max(0, ...summary.suites.map((s) => (s.okta ?? s.title).length));
  if (okta.length > 0) {
    lines.push(style.bold(`Okta features (profile ${summary.profile}):`));
    for (const suite of okta) lines.push(verdictLine(suite, width, style));
    lines.push('');
  }
  if (other.length > 0) {
    lines.push(style.bold('Other suites (no Okta feature):'));
    for (const suite of other) lines.push(verdictLine(suite, width, style));
    lines.push('');
  }
  const leftovers = summary.cleanup.filter((c) => c.outcome === 'failed' || c.outcome === 'not-run');
  if (leftovers.length > 0) {
    lines.push(style.red(`Cleanup incomplete: ${leftovers.length} resource(s) may be left on ${summary.baseUrl}:`));
    for (const item of leftovers) lines.push(`  ${item.suiteId} › ${item.stepId}: ${sanitizeText(item.detail)}`);
    lines.push('');
  }
  // A notice already printed when the run started is not printed twice.
  for (const notice of summary.notices) if (!shown.has(notice)) lines.push(style.yellow(sanitizeText(notice)));
  if (summary.reason === 'interrupted') lines.push(style.yellow('Interrupted: remaining steps were skipped; cleanup ran.'));
  lines.push(`${formatCounts(summary.counts, style)} · ${seconds(summary.durationMs)} · run ${summary.runId}`);
  return `${lines.join('\n')}\n`;
}
