// `--reporter html=FILE`: one self-contained page a support engineer can attach to a ticket. No script, no network,
// no asset: inline CSS and <details> for what is folded. Built from the RunSummary (already redacted by src/http);
// every string that came from a server or a suite is escaped by html-escape.ts on its way in.
import type { Check } from '../assert/types.js';
import type { Exchange, HttpRequest } from '../http/types.js';
import type { CleanupItem, Plan, RunSummary, StepResult, SuiteResult } from '../runner/types.js';
import type { Profile } from '../suite/types.js';
import { formatCounts } from './format-summary.js';
import { BODY_CAP, attr, duration, relativeUrl, shownBody, text } from './html-escape.js';
import { HTML_CSS } from './html-style.js';
import type { Reporter } from '../runner/events.js';

export interface HtmlReportInput {
  summary: RunSummary;
  tool: { name: string; version: string };
  exitCode: number;
  /** The profile as planned (feature support and notes); absent when the reporter saw no plan. */
  profile?: Pick<Profile, 'id' | 'title' | 'features' | 'notes'> | undefined;
}

/** Past this many rows the timeline stops and says how many it left out (the HAR report has them all). */
export const TIMELINE_CAP = 1000;

/** Verdicts in words a customer reads without the README; unknown verdicts (added later) show as they are. */
const VERDICT_WORDS: Record<string, string> = {
  ready: 'Ready',
  'not-ready': 'Not ready',
  unsupported: 'Not supported (declared)',
  'not-checked': 'Not checked',
  'partly-checked': 'Partly checked',
};

const CLEANUP_WORDS: Record<CleanupItem['outcome'], string> = {
  deleted: 'deleted',
  gone: 'already gone',
  fallback: 'deactivated instead',
  failed: 'may be left',
  'not-run': 'not attempted',
  deferred: 'looked for again at the end',
  swept: 'end-of-run sweep',
};

function verdictPill(verdict: string): string {
  return `<span class="pill ${attr(verdict)}">${text(VERDICT_WORDS[verdict] ?? verdict)}</span>`;
}

function statusPill(status: number): string {
  return `<span class="pill s${Math.floor(status / 100)}">${status}</span>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${title}</h2>\n${body}\n</section>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function utc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

// ---------------------------------------------------------------- overview

function banner(summary: RunSummary): string {
  const okta = summary.suites.filter((s) => s.okta !== undefined);
  const notReady = summary.suites.filter((s) => s.verdict === 'not-ready');
  if (summary.reason === 'interrupted') return '<p class="banner warn">Run interrupted: the results below are incomplete</p>';
  if (notReady.length > 0) {
    const names = notReady.map((s) => s.okta ?? s.title).join(', ');
    return `<p class="banner bad">Not ready for Okta: ${plural(notReady.length, 'feature')} failed (${text(names)})</p>`;
  }
  if (summary.counts.errored > 0 || summary.cleanupIncomplete) return '<p class="banner bad">Problems found: see below</p>';
  return `<p class="banner good">Every checked feature passed (${plural(okta.length, 'Okta feature')})</p>`;
}

function overview(input: HtmlReportInput): string {
  const { summary } = input;
  const profile = input.profile === undefined || input.profile.title === '' ? summary.profile : `${input.profile.title} (${summary.profile})`;
  const facts: Array<[string, string]> = [
    ['Target', `<code>${text(summary.baseUrl)}</code>`],
    ['Profile', text(profile)],
    ['Run id', `<code>${text(summary.runId)}</code>`],
    ['Started', text(utc(summary.startedAt))],
    ['Duration', text(duration(summary.durationMs))],
    ['Gate', `${text(summary.gate)} (checks below this level are warnings and do not fail the run)`],
    ['Steps', text(formatCounts(summary.counts).replace(/^Steps: /, ''))],
    ['Exit code', String(input.exitCode)],
    ['Tool', `${text(input.tool.name)} ${text(input.tool.version)}`],
  ];
  return `<header class="report" id="overview">
<h1>SCIM provisioning check for Okta</h1>
${banner(summary)}
<dl class="facts">
${facts.map(([dt, dd]) => `<dt>${dt}</dt><dd>${dd}</dd>`).join('\n')}
</dl>
</header>`;
}

function notices(summary: RunSummary): string {
  const body = summary.notices.length === 0 ? '<p class="empty">None.</p>' : summary.notices.map((n) => `<p class="notice">${text(n)}</p>`).join('\n');
  return section('notices', 'Notices', body);
}

// ---------------------------------------------------------------- features

function stepCounts(suite: SuiteResult): string {
  const ran = suite.steps.filter((s) => s.status !== 'skipped');
  const passed = suite.steps.filter((s) => s.status === 'passed' || s.status === 'unsupported');
  return `${passed.length} of ${ran.length}${ran.length < suite.steps.length ? ` (${suite.steps.length - ran.length} not run)` : ''}`;
}

function featureTable(suites: SuiteResult[], nameHeader: string, name: (s: SuiteResult) => string): string {
  const rows = suites.map(
    (s) => `<tr><td>${text(name(s))}</td><td class="nowrap">${verdictPill(s.verdict)}</td><td>${s.verdictReason === s.verdict ? '' : text(s.verdictReason)}</td><td class="num">${text(stepCounts(s))}</td><td><code>${text(s.suiteId)}</code></td></tr>`,
  );
  return `<table>
<thead><tr><th>${nameHeader}</th><th>Verdict</th><th>Why</th><th class="num">Steps passed</th><th>Suite</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function features(summary: RunSummary): string {
  const okta = summary.suites.filter((s) => s.okta !== undefined);
  const other = summary.suites.filter((s) => s.okta === undefined);
  const parts: string[] = [];
  if (okta.length > 0) {
    parts.push('<p>Each row is one provisioning feature as Okta\'s admin console names it, replayed with the requests Okta sends.</p>');
    parts.push(featureTable(okta, 'Okta feature', (s) => s.okta ?? s.title));
  }
  if (other.length > 0) {
    parts.push('<h3>Other checks</h3>', featureTable(other, 'Check', (s) => s.title));
  }
  if (parts.length === 0) parts.push('<p class="empty">No suite ran.</p>');
  const skipped = summary.suites.flatMap((s) => s.steps.filter((step) => step.status === 'skipped'));
  if (skipped.length > 0) {
    const rows = skipped.map((s) => `<tr><td><code>${text(`${s.suiteId} › ${s.stepId}`)}</code></td><td>${text(s.title)}</td><td>${text(s.skipReason ?? '')}</td></tr>`);
    parts.push(`<details><summary>${plural(skipped.length, 'step')} not run, and why</summary>
<table><thead><tr><th>Step</th><th>What it does</th><th>Why it did not run</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></details>`);
  }
  return section('features', 'Verdict per feature', parts.join('\n'));
}

// ---------------------------------------------------------------- failures

function headers(list: Record<string, string>): string {
  return Object.entries(list)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function bodyBlock(body: string | undefined): string {
  if (body === undefined || body === '') return '<p class="note">(no body)</p>';
  const shown = shownBody(body);
  const note = shown.cut ? `<p class="note">Cut at ${BODY_CAP / 1024} KiB of ${shown.length} characters; the HAR report has the whole body.</p>` : '';
  return `<pre>${text(shown.text)}</pre>${note}`;
}

function requestBlock(request: HttpRequest): string {
  return `<h4>Request</h4><pre>${text(`${request.method} ${request.url}\n${headers(request.headers)}`)}</pre>${request.body === undefined ? '' : bodyBlock(request.body)}`;
}

function exchangeBlock(exchange: Exchange, baseUrl: string): string {
  const { request, response } = exchange;
  const statusLine = `HTTP/${response.httpVersion} ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
  return `<details class="exchange"><summary>Request and response: ${text(`${request.method} ${relativeUrl(request.url, baseUrl)}`)} → ${response.status}, ${text(duration(exchange.timings.total))}</summary>
${requestBlock(request)}
<h4>Response</h4><pre>${text(`${statusLine}\n${headers(response.headers)}`)}</pre>${bodyBlock(response.body)}
</details>`;
}

function checkLabel(check: Check): string {
  if (check.kind === 'header') return `header ${check.pointer}`;
  if ((check.kind === 'body' || check.kind === 'schema') && check.pointer !== '') return `${check.kind} ${check.pointer}`;
  return check.kind;
}

function checkBlock(check: Check): string {
  const lines = [
    `<p class="what">${text(checkLabel(check))}${check.level === 'required' ? '' : ` <span class="note">(${text(check.level)})</span>`}</p>`,
    `<p class="line expect"><span class="label">Found</span> <span>${text(check.message)}</span></p>`,
  ];
  if (check.why !== undefined) lines.push(`<p class="line"><span class="label">Why</span> <span>${text(check.why)}</span></p>`);
  if (check.hint !== undefined) lines.push(`<p class="line hint"><span class="label">Fix</span> <span>${text(check.hint)}</span></p>`);
  lines.push(`<p class="where">expectation at ${text(`${check.location.file}:${check.location.line}:${check.location.column}`)}</p>`);
  return `<div class="check">\n${lines.join('\n')}\n</div>`;
}

/** Where the exchanges of a step are shown; a long paged step keeps its first ones. */
const EXCHANGES_PER_STEP = 5;

function stepCard(suite: SuiteResult, step: StepResult, checks: Check[], baseUrl: string, kind: 'failure' | 'warning'): string {
  const feature = suite.okta ?? suite.title;
  const parts = [
    `<h3>${kind === 'failure' ? '✗' : '⚠'} ${text(feature)}: ${text(step.title)}</h3>`,
    `<p class="where"><code>${text(`${step.suiteId} › ${step.stepId}`)}</code> · ${text(step.level)} · step at ${text(`${step.location.file}:${step.location.line}`)}</p>`,
  ];
  if (kind === 'failure' && step.status === 'errored' && step.error !== undefined) {
    const error = step.error;
    parts.push(`<div class="check">
<p class="what">${text(error.title)}</p>
<pre>${text(error.detail)}</pre>
${error.hint === undefined ? '' : `<p class="line hint"><span class="label">Fix</span> <span>${text(error.hint)}</span></p>`}
${error.request === undefined ? '' : `<details class="exchange"><summary>Request: ${text(`${error.request.method} ${relativeUrl(error.request.url, baseUrl)}`)} (no response)</summary>${requestBlock(error.request)}</details>`}
</div>`);
  }
  parts.push(...checks.map(checkBlock));
  const shown = step.exchanges.slice(0, EXCHANGES_PER_STEP);
  parts.push(...shown.map((e) => exchangeBlock(e, baseUrl)));
  if (step.exchanges.length > shown.length) parts.push(`<p class="note">${step.exchanges.length - shown.length} more exchanges of this step are in the timeline and the HAR report.</p>`);
  return `<article class="card${kind === 'warning' ? ' warning' : ''}">\n${parts.join('\n')}\n</article>`;
}

function failures(summary: RunSummary): { failures: string; warnings: string } {
  const failed: string[] = [];
  const warned: string[] = [];
  for (const suite of summary.suites) {
    for (const step of suite.steps) {
      const gateFailures = step.checks.filter((c) => !c.passed && !step.warnings.includes(c));
      if (step.status === 'errored' || gateFailures.length > 0) failed.push(stepCard(suite, step, gateFailures, summary.baseUrl, 'failure'));
      const warnings = step.checks.filter((c) => !c.passed && step.warnings.includes(c));
      if (warnings.length > 0) warned.push(stepCard(suite, step, warnings, summary.baseUrl, 'warning'));
    }
  }
  return {
    failures: section(
      'failures',
      `Failures (${failed.length})`,
      failed.length === 0 ? '<p class="empty">No step failed.</p>' : `<p>Each failure names what Okta expects, why, and how to fix it; open "Request and response" for the redacted exchange.</p>\n${failed.join('\n')}`,
    ),
    warnings: section(
      'warnings',
      `Warnings (${warned.length})`,
      warned.length === 0 ? '<p class="empty">No warnings.</p>' : `<p>Checks below the <code>${text(summary.gate)}</code> gate: worth fixing, they do not fail the run.</p>\n${warned.join('\n')}`,
    ),
  };
}

// ---------------------------------------------------------------- timeline

interface TimelineRow {
  at: string;
  who: string;
  request: HttpRequest;
  status: number | undefined;
  outcome: string;
  ms: number;
}

function timelineRows(summary: RunSummary): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const fromExchange = (who: string, e: Exchange): TimelineRow => ({ at: e.timings.startedAt, who, request: e.request, status: e.response.status, outcome: e.response.statusText, ms: e.timings.total });
  for (const suite of summary.suites) {
    for (const step of suite.steps) {
      const who = `${step.suiteId} › ${step.stepId}`;
      for (const e of step.exchanges) rows.push(fromExchange(who, e));
      if (step.status === 'errored' && step.error?.request !== undefined) {
        rows.push({ at: '', who, request: step.error.request, status: undefined, outcome: step.error.title, ms: -1 });
      }
    }
    // The ledger drains per suite, so a suite's cleanup follows its steps on the wire too.
    for (const item of summary.cleanup) {
      if (item.suiteId !== suite.suiteId) continue;
      for (const e of item.exchanges ?? []) rows.push(fromExchange(`cleanup of ${item.suiteId} › ${item.stepId}`, e));
    }
  }
  return rows;
}

function timeline(summary: RunSummary): string {
  const rows = timelineRows(summary);
  if (rows.length === 0) return section('timeline', 'Timeline of requests', '<p class="empty">No request was answered.</p>');
  const start = Date.parse(summary.startedAt);
  const shown = rows.slice(0, TIMELINE_CAP);
  const html = shown.map((row, i) => {
    const offset = Date.parse(row.at) - start;
    const at = Number.isNaN(offset) ? '' : `+${duration(Math.max(0, offset))}`;
    const status = row.status === undefined ? `<span class="pill s0">no answer</span> ${text(row.outcome)}` : `${statusPill(row.status)} ${text(row.outcome)}`;
    return `<tr><td class="num">${i + 1}</td><td class="num">${text(at)}</td><td class="nowrap"><code>${text(row.who)}</code></td><td class="url"><code>${text(`${row.request.method} ${relativeUrl(row.request.url, summary.baseUrl)}`)}</code></td><td class="nowrap">${status}</td><td class="num">${text(duration(row.ms))}</td></tr>`;
  });
  const more = rows.length > shown.length ? `<p class="note">${rows.length - shown.length} more requests are in the HAR report.</p>` : '';
  return section(
    'timeline',
    `Timeline of requests (${rows.length})`,
    `<p>Every request in the order it was sent, paths relative to <code>${text(summary.baseUrl)}</code>.</p>
<table>
<thead><tr><th class="num">#</th><th class="num">At</th><th>Step</th><th>Request</th><th>Status</th><th class="num">Took</th></tr></thead>
<tbody>
${html.join('\n')}
</tbody>
</table>${more}`,
  );
}

// ---------------------------------------------------------------- limits and cleanup

function limits(input: HtmlReportInput): string {
  const rows: string[] = [];
  const seen = new Set<string>();
  const suiteOf = (feature: string): SuiteResult | undefined => input.summary.suites.find((s) => s.feature === feature);
  for (const [feature, support] of Object.entries(input.profile?.features ?? {})) {
    if (support === 'on') continue;
    seen.add(feature);
    const suite = suiteOf(feature);
    const name = suite?.okta ?? feature;
    const note = input.profile?.notes[feature] ?? (support === 'off' ? 'Off in this profile: not checked.' : 'Declared unsupported.');
    rows.push(`<tr><td>${text(name)}</td><td>${support === 'off' ? 'off (not checked)' : 'unsupported (checked that the server refuses it cleanly)'}</td><td>${text(note)}</td></tr>`);
  }
  for (const suite of input.summary.suites) {
    if (suite.verdict !== 'unsupported' || (suite.feature !== undefined && seen.has(suite.feature))) continue;
    rows.push(`<tr><td>${text(suite.okta ?? suite.title)}</td><td>unsupported</td><td>${text(suite.verdictReason)}</td></tr>`);
  }
  const body =
    rows.length === 0
      ? `<p class="empty">None: the profile turns on every feature it knows.</p>`
      : `<p>What the <code>${text(input.summary.profile)}</code> profile declares this application does not do. These are not failures.</p>
<table><thead><tr><th>Feature</th><th>Declared</th><th>Why</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
  return section('limits', 'Declared limits', body);
}

function cleanup(summary: RunSummary): string {
  const left = summary.cleanup.filter((c) => c.outcome === 'failed' || c.outcome === 'not-run');
  const deactivated = summary.cleanup.filter((c) => c.outcome === 'fallback');
  const lines: string[] = [];
  if (summary.cleanup.length === 0) lines.push('<p class="empty">The run created nothing that needed removing.</p>');
  else if (left.length === 0 && deactivated.length === 0 && !summary.cleanupIncomplete) {
    // Look-ups (deferred, swept) are evidence, not resources.
    lines.push(`<p>Everything the run created was removed (${plural(summary.cleanup.filter((c) => c.outcome !== 'deferred' && c.outcome !== 'swept').length, 'resource')}).</p>`);
  }
  if (left.length > 0 || summary.cleanupIncomplete) {
    lines.push(`<p class="notice">${plural(left.length, 'resource')} the run created may still exist on <code>${text(summary.baseUrl)}</code>; remove them by hand.</p>`);
  }
  // Deactivation is the declared fallback when DELETE is not allowed: not a failure, but the users are still there.
  if (deactivated.length > 0) lines.push(`<p>${plural(deactivated.length, 'resource')} could not be deleted and ${deactivated.length === 1 ? 'was' : 'were'} deactivated instead: ${deactivated.length === 1 ? 'it remains' : 'they remain'} on the server, inactive.</p>`);
  const headline = lines.join('\n');
  if (summary.cleanup.length === 0) return section('cleanup', 'Cleanup', headline);
  // The detail names the request and its answer (ids included), which is what someone removing leftovers needs.
  const rows = summary.cleanup.map(
    (item) =>
      `<tr><td><code>${text(`${item.suiteId} › ${item.stepId}`)}</code></td><td class="nowrap"><span class="pill ${item.outcome}">${CLEANUP_WORDS[item.outcome]}</span></td><td class="url">${text(item.detail)}</td></tr>`,
  );
  return section(
    'cleanup',
    'Cleanup',
    `${headline}
<table><thead><tr><th>Created by</th><th>Outcome</th><th>Detail</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`,
  );
}

// ---------------------------------------------------------------- page

export function toHtmlReport(input: HtmlReportInput): string {
  const { summary } = input;
  const { failures: failed, warnings } = failures(summary);
  const title = `scim-check ${summary.reason === 'passed' ? 'passed' : summary.reason === 'interrupted' ? 'interrupted' : 'failed'}: ${summary.baseUrl} (run ${summary.runId})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${text(title)}</title>
<style>${HTML_CSS}</style>
</head>
<body>
<main>
${overview(input)}
${notices(summary)}
${features(summary)}
${failed}
${warnings}
${timeline(summary)}
${limits(input)}
${cleanup(summary)}
<footer>Made by ${text(input.tool.name)} ${text(input.tool.version)}. Credentials, cookies, API keys and passwords are redacted in every request and response shown here; bodies are cut at ${BODY_CAP / 1024} KiB.</footer>
</main>
</body>
</html>
`;
}

export interface HtmlReporterOptions {
  write: (text: string) => void | Promise<void>;
  tool: { name: string; version: string };
  exitCode: (summary: RunSummary) => number;
}

export function createHtmlReporter(options: HtmlReporterOptions): Reporter {
  let profile: Plan['profile'] | undefined;
  return {
    exchanges: 'run-end',
    onRunStart(plan) {
      profile = plan.profile;
    },
    async onRunEnd(summary) {
      await options.write(toHtmlReport({ summary, tool: options.tool, exitCode: options.exitCode(summary), profile }));
    },
  };
}
