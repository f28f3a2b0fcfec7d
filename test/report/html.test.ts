import { describe, expect, it } from 'vitest';
import { BODY_CAP, attr, shownBody, text } from '../../src/report/html-escape.js';
import { TIMELINE_CAP, createHtmlReporter, toHtmlReport } from '../../src/report/html.js';
import { parseReporterSpec } from '../../src/report/index.js';
import { UsageError } from '../../src/errors.js';
import type { RunSummary } from '../../src/runner/types.js';
import { exchange, failingSummary, passingSummary } from './support/summary-fixture.js';

const TOOL = { name: 'scim-check', version: '9.9.9' };

function render(summary: RunSummary = failingSummary(), profile?: Parameters<typeof toHtmlReport>[0]['profile']): string {
  return toHtmlReport({ summary, tool: TOOL, exitCode: 5, profile });
}

/** A summary whose server answers are hostile: markup, a script, an attribute breaker, control characters. */
function hostileSummary(): RunSummary {
  const summary = failingSummary();
  const hostile = '</pre></details><script>alert(1)</script><img src=x onerror=alert(2)>"\'\u0000\u0007\u001b[31m\u007f\u0085';
  const step = summary.suites[0]!.steps[1]!;
  step.exchanges = [exchange('POST', '/Users', 400, `Bad <b>Request</b>`, JSON.stringify({ detail: hostile }).replace('}', `,"raw":"${'\u0001'}"}`))];
  step.checks[0]!.message = `expected 201 Created, got 400 ${hostile}`;
  summary.notices.push(`notice ${hostile}`);
  summary.cleanup[0]!.detail = `left ${hostile}`;
  summary.suites[0]!.verdictReason = hostile;
  return summary;
}

describe('html escaping', () => {
  it('escapes markup and shows control characters as visible escapes', () => {
    expect(text('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(text('a\u0000b\u001bc\u007f')).toBe('a<span class="ctl">\\u0000</span>b<span class="ctl">\\u001B</span>c<span class="ctl">\\u007F</span>');
    expect(text('tab\tnew\nline\r\n')).toBe('tab\tnew\nline\r\n');
    // An emoji (a surrogate pair) stays; a lone surrogate is shown, not silently replaced.
    expect(text('ok \u{1F600} \uD800')).toBe('ok \u{1F600} <span class="ctl">\\uD800</span>');
    expect(attr('"\u0001<')).toBe('&quot;\\u0001&lt;');
  });

  it('pretty-prints JSON bodies and cuts long ones with a stated cap', () => {
    expect(shownBody('{"a":1}').text).toBe('{\n  "a": 1\n}');
    expect(shownBody('not json {').text).toBe('not json {');
    const long = shownBody('x'.repeat(BODY_CAP + 10));
    expect(long).toEqual({ text: 'x'.repeat(BODY_CAP), cut: true, length: BODY_CAP + 10 });
  });
});

describe('html report', () => {
  it('has every section, in order, and says who, what and when', () => {
    const html = render();
    const ids = [...html.matchAll(/<(?:section|header class="report") id="([a-z]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['overview', 'notices', 'features', 'failures', 'warnings', 'timeline', 'limits', 'cleanup']);
    expect(html).toContain('<code>http://127.0.0.1:8080/scim/v2</code>');
    expect(html).toContain('<dt>Run id</dt><dd><code>0a1b2c3d</code></dd>');
    expect(html).toContain('<dt>Started</dt><dd>2025-01-02 03:04:05 UTC</dd>');
    expect(html).toContain('<dt>Tool</dt><dd>scim-check 9.9.9</dd>');
    expect(html).toContain('<dt>Exit code</dt><dd>5</dd>');
    expect(html).toContain('Not ready for Okta: 2 features failed (Create Users, Sync Password)');
    expect(html).toContain('TLS certificate verification is OFF (--insecure)');
  });

  it('is self-contained: no script, no external reference, a CSP that forbids both', () => {
    const html = render();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:8080)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('shows each failure with its expectation, source, hint and the redacted exchange, folded', () => {
    const html = render();
    expect(html).toContain('<h2>Failures (2)</h2>');
    expect(html).toContain('<span class="label">Found</span> <span>expected 201 Created, got 200 OK</span>');
    expect(html).toContain('<span class="label">Why</span> <span>Okta treats POST /Users as a create (okta-protocol.md §2.4)</span>');
    expect(html).toContain('<span class="label">Fix</span> <span>answer 201 with the new resource and its id</span>');
    expect(html).toContain('expectation at suites/okta/users-create.yaml:27:15');
    expect(html).toContain('<summary>Request and response: POST /Users → 200, 4 ms</summary>');
    expect(html).toContain('Authorization: Bearer [REDACTED]');
    expect(html).toContain('&quot;password&quot;: &quot;[REDACTED]&quot;');
    // The errored step: its error, its hint and the request that got no answer.
    expect(html).toContain('<p class="what">Connection refused</p>');
    expect(html).toContain('<summary>Request: GET /Users/u1 (no response)</summary>');
    // The 5 000-character body is cut and says so.
    expect(html).not.toContain('x'.repeat(BODY_CAP + 1));
  });

  it('lists the timeline, the cleanup outcome and what was left', () => {
    const html = render();
    expect(html).toContain('<h2>Timeline of requests (5)</h2>');
    expect(html).toMatch(/<code>cleanup of users\.create › create<\/code><\/td><td class="url"><code>DELETE \/Users\/u1<\/code><\/td><td class="nowrap"><span class="pill s5">500<\/span>/);
    expect(html).toContain('<span class="pill s0">no answer</span> Connection refused');
    expect(html).toContain('1 resource the run created may still exist on <code>http://127.0.0.1:8080/scim/v2</code>');
    expect(html).toContain('<span class="pill failed">may be left</span>');
    expect(render(passingSummary())).toContain('Everything the run created was removed (1 resource).');
    const deactivated = passingSummary();
    deactivated.cleanup[0]!.outcome = 'fallback';
    const page = render(deactivated);
    expect(page).toContain('1 resource could not be deleted and was deactivated instead: it remains on the server, inactive.');
    expect(page).not.toContain('Everything the run created was removed');
  });

  it('lists the declared limits of the profile with their notes', () => {
    const html = render(failingSummary(), { id: 'postman', title: 'Postman', features: { createUsers: 'on', syncPassword: 'unsupported', discovery: 'off' }, notes: { syncPassword: 'Postman <does not> sync passwords' } });
    expect(html).toContain('<tr><td>Sync Password</td><td>unsupported (checked that the server refuses it cleanly)</td><td>Postman &lt;does not&gt; sync passwords</td></tr>');
    expect(html).toContain('<tr><td>discovery</td><td>off (not checked)</td>');
    expect(render()).toContain('None: the profile turns on every feature it knows.');
  });

  it('escapes every server-supplied string: no markup from the server survives', () => {
    const html = render(hostileSummary());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Request</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // No raw control character reaches the page (tab, newline and carriage return aside).
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(html).toContain('<span class="ctl">\\u001B</span>[31m');
    // Structure intact: the hostile closing tags did not close anything.
    expect(html.match(/<details/g)?.length).toBe(html.match(/<\/details>/g)?.length);
    expect(html.match(/<pre>/g)?.length).toBe(html.match(/<\/pre>/g)?.length);
  });

  it('caps the timeline and says where the rest is', () => {
    const summary = passingSummary();
    const step = summary.suites[0]!.steps[0]!;
    step.exchanges = Array.from({ length: TIMELINE_CAP + 3 }, (_, i) => exchange('GET', `/Users?startIndex=${i + 1}`, 200, 'OK', '{}'));
    const html = render(summary);
    expect(html).toContain(`<h2>Timeline of requests (${TIMELINE_CAP + 3})</h2>`);
    expect(html).toContain('3 more requests are in the HAR report.');
  });

  it('the reporter writes one document at the end of the run, with the planned profile', async () => {
    let out = '';
    const reporter = createHtmlReporter({ write: (t) => void (out += t), tool: TOOL, exitCode: () => 1 });
    const summary = failingSummary();
    reporter.onRunStart?.({ runId: summary.runId, baseUrl: summary.baseUrl, gate: 'required', suites: [], notices: [], profile: { id: 'okta', title: 'Okta (OIN catalog app)', variant: 'oin', features: {}, vars: {}, notes: {}, file: 'okta.yaml', locate: () => ({ file: 'okta.yaml', line: 1, column: 1 }) } });
    expect(out).toBe('');
    await reporter.onRunEnd?.(summary, summary.reason);
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).toContain('<dt>Profile</dt><dd>Okta (OIN catalog app) (okta)</dd>');
    expect(out.match(/<!DOCTYPE/g)).toHaveLength(1);
  });
});

describe('--reporter html', () => {
  it('needs a file: without =FILE it is a usage error (exit 2) that says how to write it', () => {
    expect(parseReporterSpec('html=reports/scim.html')).toEqual({ name: 'html', file: 'reports/scim.html' });
    let error: unknown;
    try {
      parseReporterSpec('html');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe('Invalid --reporter: --reporter html writes a file: use --reporter html=FILE, e.g. html=reports/scim-check.html');
  });
});
