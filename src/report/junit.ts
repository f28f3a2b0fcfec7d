// `--reporter junit`: JUnit XML (the Jenkins junit-10.xsd shape) from the run summary, one <testsuite> per suite and
// one <testcase> per step. Failure text is the terminal's own block (format-check.ts), uncoloured; exchanges are
// already redacted by src/http, so the transcript in <system-out> carries no secret.
import type { Check } from '../assert/types.js';
import type { Exchange, HttpRequest } from '../http/types.js';
import type { RunSummary, StepResult, SuiteResult } from '../runner/types.js';
import { formatCheckFailure, formatRunProblems } from './format-check.js';
import type { Reporter } from '../runner/events.js';

/** Bodies longer than this are cut in the transcript: a CI log needs the start of an answer, not a 10 MB page. */
export const TRANSCRIPT_BODY_LIMIT = 4096;

/**
 * Characters XML 1.0 cannot carry even as character references (§2.2): C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF and unpaired surrogates. Servers do send them (binary garbage, broken encoders).
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceNonXml(text: string): string {
  return text.replace(NOT_XML, (c) => {
    const code = c.charCodeAt(0);
    // Controls stay visible as \uXXXX so a reader still sees what the server sent; the rest become U+FFFD.
    return code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : '\uFFFD';
  });
}

/** Escapes element text; CR is kept as a reference because parsers would fold CRLF into LF. */
export function xmlText(text: string): string {
  return replaceNonXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value; tab, LF and CR as references so attribute-value normalisation keeps them. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join('');
}

/** JUnit time: seconds with millisecond precision. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function truncate(body: string, limit: number): string {
  if (body.length <= limit) return body;
  return `${body.slice(0, limit)}\n… (${body.length - limit} more characters not shown)`;
}

function requestLines(request: HttpRequest, limit: number): string[] {
  const lines = [`> ${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`> ${name}: ${value}`);
  if (request.body !== undefined && request.body !== '') lines.push('>', ...truncate(request.body, limit).split('\n').map((l) => `> ${l}`));
  return lines;
}

/** One exchange as `curl -v` shows it: "> " request lines, "< " response lines, bodies cut at `limit` characters. */
export function formatExchange(exchange: Exchange, limit = TRANSCRIPT_BODY_LIMIT): string {
  const { request, response } = exchange;
  const version = response.httpVersion.startsWith('HTTP/') ? response.httpVersion : `HTTP/${response.httpVersion}`;
  const lines = requestLines(request, limit);
  lines.push(`< ${version} ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`);
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of value.split('\n')) lines.push(`< ${name}: ${one}`);
  }
  if (response.body !== '') lines.push('<', ...truncate(response.body, limit).split('\n').map((l) => `< ${l}`));
  return lines.join('\n');
}

function failingChecks(step: StepResult): Check[] {
  return step.checks.filter((c) => !c.passed && !step.warnings.includes(c));
}

function checkLabel(check: Check): string {
  if (check.kind === 'header') return `header ${check.pointer}`;
  if ((check.kind === 'body' || check.kind === 'schema') && check.pointer !== '') return `${check.kind} ${check.pointer}`;
  return check.kind;
}

/** What a CI server shows as the headline and the body of a failed or errored step. */
function outcomeElement(step: StepResult, suite: SuiteResult, profile: string): string {
  switch (step.status) {
    case 'passed':
      return '';
    case 'failed': {
      const checks = failingChecks(step);
      const first = checks[0];
      const message = first === undefined ? 'step failed' : `${checkLabel(first)}: ${first.message}`;
      // One block per cause, as the terminal shows it (a first cause or a crash included).
      const body = formatRunProblems([step]).failures.join('\n\n');
      return `      <failure${attrs({ message, type: first?.kind ?? 'failed' })}>${xmlText(body)}</failure>\n`;
    }
    case 'errored': {
      const error = step.error;
      const message = error === undefined ? 'step errored' : `${error.title}: ${error.detail.split('\n')[0] ?? ''}`;
      const blocks = formatRunProblems([step]).failures.filter((b) => b !== '');
      return `      <error${attrs({ message, type: error?.code ?? 'errored' })}>${xmlText(blocks.join('\n\n'))}</error>\n`;
    }
    case 'skipped':
      return `      <skipped${attrs({ message: step.skipReason === undefined || step.skipReason === '' ? 'skipped' : step.skipReason })}/>\n`;
    case 'unsupported':
      // A limit the server or the profile declares for this one step carries its own reason.
      if (step.skipReason !== undefined) return `      <skipped${attrs({ message: `unsupported, as declared: ${step.skipReason}` })}/>\n`;
      return `      <skipped${attrs({ message: `unsupported: profile ${profile} declares ${suite.feature ?? suite.suiteId} unsupported, and the server refused it cleanly` })}/>\n`;
  }
}

/** Warnings always; the redacted transcript only for steps that failed or errored. */
function systemOut(step: StepResult): string {
  const parts: string[] = [];
  if (step.warnings.length > 0) {
    parts.push(['Warnings (below the --level gate; they do not fail the run):', ...step.warnings.map((c) => formatCheckFailure(step, c, undefined, '⚠'))].join('\n\n'));
  }
  if (step.status === 'failed' || step.status === 'errored') {
    const exchanges = step.exchanges.map((e) => formatExchange(e));
    const unanswered = step.error?.request;
    if (unanswered !== undefined && step.exchanges.length === 0) exchanges.push([...requestLines(unanswered, TRANSCRIPT_BODY_LIMIT), '< (no response)'].join('\n'));
    if (exchanges.length > 0) parts.push(['Transcript (redacted):', ...exchanges].join('\n\n'));
  }
  return parts.length === 0 ? '' : `      <system-out>${xmlText(parts.join('\n\n'))}</system-out>\n`;
}

function testcase(step: StepResult, suite: SuiteResult, profile: string): string {
  const open = `    <testcase${attrs({ classname: suite.suiteId, name: `${step.stepId}: ${step.title}`, file: suite.file, time: seconds(step.durationMs) })}`;
  const inner = outcomeElement(step, suite, profile) + systemOut(step);
  return inner === '' ? `${open}/>\n` : `${open}>\n${inner}    </testcase>\n`;
}

interface Totals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function totals(steps: readonly StepResult[]): Totals {
  const t: Totals = { tests: steps.length, failures: 0, errors: 0, skipped: 0 };
  for (const step of steps) {
    if (step.status === 'failed') t.failures += 1;
    else if (step.status === 'errored') t.errors += 1;
    else if (step.status === 'skipped' || step.status === 'unsupported') t.skipped += 1;
  }
  return t;
}

function testsuite(suite: SuiteResult, summary: RunSummary): string {
  const t = totals(suite.steps);
  const firstExchange = suite.steps.flatMap((s) => s.exchanges)[0];
  const properties: Record<string, string> = {
    'scim-check.runId': summary.runId,
    'scim-check.profile': summary.profile,
    'scim-check.gate': summary.gate,
    'okta.feature': suite.okta ?? suite.title,
    'okta.verdict': suite.verdict,
    'okta.verdictReason': suite.verdictReason,
  };
  // Notices (TLS verification off, bodies cut, --run-timeout reached) travel with every suite: a CI page shows
  // one suite at a time, and a pass without its --insecure caveat would mislead.
  const notices = summary.notices.map((value, i) => `      <property${attrs({ name: summary.notices.length === 1 ? 'scim-check.notice' : `scim-check.notice.${i + 1}`, value })}/>\n`);
  const lines = [
    `  <testsuite${attrs({ name: suite.suiteId, tests: t.tests, failures: t.failures, errors: t.errors, skipped: t.skipped, time: seconds(suite.durationMs), timestamp: firstExchange?.timings.startedAt ?? summary.startedAt, file: suite.file })}>\n`,
    '    <properties>\n',
    ...Object.entries(properties).map(([name, value]) => `      <property${attrs({ name, value })}/>\n`),
    ...notices,
    '    </properties>\n',
    ...suite.steps.map((step) => testcase(step, suite, summary.profile)),
  ];
  const leftovers = summary.cleanup.filter((c) => c.suiteId === suite.suiteId && (c.outcome === 'failed' || c.outcome === 'not-run'));
  if (leftovers.length > 0) {
    const text = [`Cleanup incomplete: ${leftovers.length} resource(s) may be left on ${summary.baseUrl}:`, ...leftovers.map((c) => `  ${c.suiteId} › ${c.stepId}: ${c.detail}`)].join('\n');
    lines.push(`    <system-out>${xmlText(text)}</system-out>\n`);
  }
  lines.push('  </testsuite>\n');
  return lines.join('');
}

/** The whole JUnit document for a run. */
export function toJunitXml(summary: RunSummary): string {
  const t = totals(summary.suites.flatMap((s) => s.steps));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites${attrs({ name: 'scim-check', tests: t.tests, failures: t.failures, errors: t.errors, skipped: t.skipped, time: seconds(summary.durationMs) })}>\n`,
    ...summary.suites.map((suite) => testsuite(suite, summary)),
    '</testsuites>\n',
  ].join('');
}

export function createJunitReporter(options: { write: (text: string) => void | Promise<void> }): Reporter {
  return {
    // The transcripts of failed steps, and each suite's first exchange for its timestamp.
    exchanges: 'run-end',
    async onRunEnd(summary) {
      await options.write(toJunitXml(summary));
    },
  };
}
