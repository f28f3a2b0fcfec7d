// Human text for a DiagnoseReport: one line per rung, evidence under it, cause and fix up to the first failure,
// then what Okta would show. Returns a string; the command prints it.
import { Chalk } from 'chalk';
import { sanitizeText } from '../shared/sanitize-text.js';
import type { DiagnoseReport, RungStatus } from './types.js';

/** Rungs quote the server (reason phrases, bodies, certificate names): every such text is escaped first. */
const safe = (text: string): string => sanitizeText(text);

const SYMBOL: Record<RungStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };

export function renderDiagnose(report: DiagnoseReport, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<RungStatus, (s: string) => string> = { pass: c.green, warn: c.yellow, fail: c.red, skip: c.dim };
  const lines: string[] = [`scim-check diagnose ${safe(report.baseUrl)}`, ''];
  let explained = false;
  for (const rung of report.rungs) {
    if (rung.rung === 'verdict') continue;
    const probe = rung.probe ? c.dim(` [${safe(rung.probe)}]`) : '';
    lines.push(`${paint[rung.status](SYMBOL[rung.status])} ${c.bold(safe(rung.title))}${probe}: ${safe(rung.summary)}`);
    if (rung.status === 'pass' || rung.status === 'skip') {
      if (rung.status === 'skip' && rung.cause) lines.push(`    ${safe(rung.cause)}`);
      continue;
    }
    for (const item of rung.evidence) lines.push(c.dim(`    · ${safe(item)}`));
    // Stop explaining at the first failure: later rungs only show what was learnt.
    if (!explained) {
      if (rung.cause) lines.push(`    ${c.bold('cause:')} ${safe(rung.cause)}`);
      if (rung.fix) lines.push(`    ${c.bold('fix:')} ${safe(rung.fix)}`);
      if (rung.status === 'fail') explained = true;
    }
  }
  lines.push('');
  const okta = report.okta;
  lines.push(
    `${paint[okta.passes ? 'pass' : 'fail'](SYMBOL[okta.passes ? 'pass' : 'fail'])} ${c.bold('Verdict')}: ${okta.passes ? "Okta's Test API Credentials would pass" : "Okta's Test API Credentials would fail"}`,
  );
  lines.push(`    Okta would show: "${safe(okta.message)}"${okta.wording === 'inferred' ? c.dim(' (wording inferred)') : ''}`);
  const warned = report.rungs.filter((r) => r.status === 'warn').map((r) => r.title);
  if (okta.passes && warned.length > 0) lines.push(`    but see the warnings above (${safe(warned.join(', '))}): they break provisioning or security later`);
  if (report.suggestedBaseUrl) lines.push(`    suggested base URL: ${safe(report.suggestedBaseUrl)}`);
  return `${lines.join('\n')}\n`;
}
