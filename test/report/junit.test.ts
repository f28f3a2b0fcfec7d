import { describe, expect, it } from 'vitest';
import { formatCheckFailure, formatStepError } from '../../src/report/format-check.js';
import { createJunitReporter, formatExchange, toJunitXml, xmlAttr, xmlText } from '../../src/report/junit.js';
import { failingSummary, passingSummary } from './support/summary-fixture.js';
import { junitSchemaErrors } from './support/validate-junit.js';

/** The text between the first `<name …>` and its closing tag, or undefined. */
function element(xml: string, name: string, from = 0): string | undefined {
  const start = xml.indexOf(`<${name}`, from);
  if (start === -1) return undefined;
  const end = xml.indexOf(`</${name}>`, start);
  return xml.slice(start, end === -1 ? xml.indexOf('/>', start) + 2 : end + name.length + 3);
}

describe('junit reporter', () => {
  it('writes a document valid against the Jenkins junit-10.xsd, for a failing and a passing run', async () => {
    expect(await junitSchemaErrors(toJunitXml(failingSummary()))).toEqual([]);
    expect(await junitSchemaErrors(toJunitXml(passingSummary()))).toEqual([]);
  });

  it('is caught by the schema check when the document is wrong', async () => {
    const xml = toJunitXml(passingSummary());
    const noErrors = xml.replace(/(<testsuite name="[^"]*" tests="1" failures="0") errors="0"/, '$1');
    expect(noErrors).not.toBe(xml);
    expect((await junitSchemaErrors(noErrors)).join('\n')).toMatch(/errors/);
    const stray = xml.replace('<testcase ', '<testcase bogus="1" ');
    expect((await junitSchemaErrors(stray)).join('\n')).toMatch(/bogus/);
  });

  it('counts totals on <testsuites> and per <testsuite>, durations in seconds', () => {
    const xml = toJunitXml(failingSummary());
    expect(xml).toContain('<testsuites name="scim-check" tests="5" failures="1" errors="1" skipped="2" time="1.234">');
    expect(xml).toContain('<testsuite name="users.create" tests="3" failures="1" errors="0" skipped="1" time="0.040"');
    expect(xml).toContain('<testsuite name="password.sync" tests="2" failures="0" errors="1" skipped="1" time="0.020"');
  });

  it('names each case after its suite, step and title, with the suite file', () => {
    const xml = toJunitXml(failingSummary());
    expect(xml).toContain('<testcase classname="users.create" name="create: Okta creates the user &quot;a&quot; &lt;POST /Users&gt;" file="suites/okta/users-create.yaml" time="0.012">');
  });

  it('puts the terminal\'s failure blocks (uncoloured) in <failure>, headed by the first failed check', () => {
    const summary = failingSummary();
    const xml = toJunitXml(summary);
    const create = summary.suites[0]!.steps[1]!;
    const failure = element(xml, 'failure');
    expect(failure).toContain('<failure message="status: expected 201 Created, got 200 OK" type="status">');
    expect(failure).toContain(xmlText(`${formatCheckFailure(create, create.checks[0]!)}\n\n${formatCheckFailure(create, create.checks[1]!)}`));
    expect(failure).toContain('at suites/okta/users-create.yaml:27:15');
    expect(failure).toContain('hint: answer 201 with the new resource and its id');
    expect(failure).not.toContain('\u001b[');
  });

  it('reports an errored step as <error> with its code, and its unanswered request', () => {
    const summary = failingSummary();
    const xml = toJunitXml(summary);
    const errored = summary.suites[1]!.steps[1]!;
    const error = element(xml, 'error');
    expect(error).toContain('<error message="Connection refused: nothing listens on 127.0.0.1:8080" type="http.connect">');
    expect(error).toContain(xmlText(formatStepError(errored)));
    const out = element(xml, 'system-out', xml.indexOf('<error '));
    expect(out).toContain('&gt; GET http://127.0.0.1:8080/scim/v2/Users/u1');
    expect(out).toContain('&lt; (no response)');
  });

  it('reports skipped and unsupported steps as <skipped message=…>', () => {
    const xml = toJunitXml(failingSummary());
    expect(xml).toContain('<skipped message="needs userId, which create did not capture"/>');
    expect(xml).toContain('<skipped message="unsupported: profile okta declares syncPassword unsupported, and the server refused it cleanly"/>');
  });

  it('puts the redacted transcript of a failed step in <system-out>, bodies cut after 4 KB', () => {
    const xml = toJunitXml(failingSummary());
    const out = element(xml, 'system-out', xml.indexOf('<failure '))!;
    expect(out).toContain('Transcript (redacted):');
    expect(out).toContain('&gt; POST http://127.0.0.1:8080/scim/v2/Users');
    expect(out).toContain('&gt; Authorization: Bearer [REDACTED]');
    expect(out).toContain('&gt; {"userName":"a","password":"[REDACTED]"}');
    expect(out).toContain('&lt; HTTP/1.1 200 OK');
    expect(out).toContain('&lt; set-cookie: a=[REDACTED]\n&lt; set-cookie: b=[REDACTED]');
    expect(out).toMatch(/more characters not shown/);
    expect(out.length).toBeLessThan(6000);
  });

  it('puts warnings in <system-out>, not in a failure, and gives passing cases no transcript', () => {
    const xml = toJunitXml(failingSummary());
    const lookup = element(xml, 'testcase')!;
    expect(lookup).not.toContain('<failure');
    expect(lookup).toContain('Warnings (below the --level gate; they do not fail the run):');
    expect(lookup).toContain('⚠ users.create › lookup: header location (recommended)');
    expect(lookup).not.toContain('Transcript');
  });

  it('reports leftovers of a failed cleanup in the suite\'s <system-out>', () => {
    const xml = toJunitXml(failingSummary());
    expect(xml).toContain('<system-out>Cleanup incomplete: 1 resource(s) may be left on http://127.0.0.1:8080/scim/v2:\n  users.create › create: may be left on the server: DELETE /Users/u1 answered 500</system-out>');
  });

  it('keeps characters XML 1.0 forbids out of the document, visibly', () => {
    const xml = toJunitXml(failingSummary());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).toContain('yes &lt;&amp;&gt; \\u0001 ]]&gt; \uFFFD');
  });

  it('escapes attribute values so that whitespace survives attribute normalisation', () => {
    expect(xmlAttr('a"b\n\tc\r<&>')).toBe('a&quot;b&#10;&#9;c&#13;&lt;&amp;&gt;');
    expect(xmlText('a\u0000b\uD800c\uD83D\uDE00')).toBe('a\\u0000b\uFFFDc\uD83D\uDE00');
  });

  it('formats an exchange like curl -v', () => {
    const summary = passingSummary();
    expect(formatExchange(summary.suites[0]!.steps[0]!.exchanges[0]!)).toBe(
      [
        '> POST http://127.0.0.1:8080/scim/v2/Users',
        '> Authorization: Bearer [REDACTED]',
        '> Accept: application/scim+json',
        '> Content-Type: application/scim+json; charset=utf-8',
        '>',
        '> {"userName":"a"}',
        '< HTTP/1.1 201 Created',
        '< content-type: application/scim+json',
        '< set-cookie: a=[REDACTED]',
        '< set-cookie: b=[REDACTED]',
        '<',
        '< {"id":"u1"}',
      ].join('\n'),
    );
  });

  it('writes the document once, at the end of the run', async () => {
    const written: string[] = [];
    const reporter = createJunitReporter({ write: (t) => void written.push(t) });
    await reporter.onRunEnd?.(passingSummary(), 'passed');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  });
});
