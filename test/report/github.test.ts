import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createGithubReporter, escapeData, escapeProperty, toAnnotations, toStepSummary } from '../../src/report/github.js';
import { failingSummary, passingSummary } from './support/summary-fixture.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-github-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function runReporter(env: Record<string, string | undefined>, summary = failingSummary()): Promise<string> {
  let out = '';
  const reporter = createGithubReporter({ write: (t) => void (out += t), env, exitCode: () => 1 });
  await reporter.onRunEnd?.(summary, summary.reason);
  return out;
}

describe('github reporter', () => {
  it('escapes workflow-command data and properties as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('annotates each failed check on the suite YAML line of its expectation', () => {
    const lines = toAnnotations(failingSummary()).split('\n');
    expect(lines).toContain(
      '::error file=suites/okta/users-create.yaml,line=27,col=15,title=users.create › create%3A status::expected 201 Created, got 200 OK%0Awhy: Okta treats POST /Users as a create (okta-protocol.md §2.4)%0Ahint: answer 201 with the new resource and its id',
    );
    expect(lines).toContain('::error file=suites/okta/users-create.yaml,line=31,col=15,title=users.create › create%3A body /active::expected true, got string "yes <&> \\x01"');
  });

  it('annotates warnings as ::warning, errored steps on the step line, cleanup leftovers and notices', () => {
    const text = toAnnotations(failingSummary());
    expect(text).toContain('::warning file=suites/okta/users-create.yaml,line=19,col=15,title=users.create › lookup%3A header location (recommended)::expected a Location header, got none\n');
    expect(text).toContain('::error file=suites/okta/users-create.yaml,line=10,col=5,title=password.sync › after%3A Connection refused::nothing listens on 127.0.0.1:8080%0Ais the server running?%0Arequest: GET http://127.0.0.1:8080/scim/v2/Users/u1%0Ahint: start the server\n');
    expect(text).toContain('::error title=Cleanup incomplete%3A users.create › create::may be left on the server: DELETE /Users/u1 answered 500 (on http://127.0.0.1:8080/scim/v2)\n');
    expect(text).toContain('::warning title=scim-check::TLS certificate verification is OFF (--insecure): a pass here does not mean Okta can connect.\n');
    // One workflow command per line: nothing a message contains may start a new line.
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning) /);
  });

  it('writes nothing for a run without problems', () => {
    expect(toAnnotations(passingSummary())).toBe('');
  });

  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const path = join(tempDir(), 'summary.md');
    writeFileSync(path, '# earlier step\n');
    const out = await runReporter({ GITHUB_STEP_SUMMARY: path });
    expect(out).toContain('::error file=');
    const md = readFileSync(path, 'utf8');
    expect(md.startsWith('# earlier step\n\n## ❌ scim-check: 2 of 2 Okta features not ready\n')).toBe(true);
    expect(md).toContain('| Okta feature | Suite | Verdict |\n| --- | --- | --- |\n| Create Users | `users.create` | ❌ not ready: 2 required checks failed |\n');
    expect(md).toContain('### Failures (3)');
    expect(md).toContain('✗ users.create › create: status\n  at suites/okta/users-create.yaml:27:15\n  expected 201 Created, got 200 OK');
    expect(md).toContain('### Cleanup incomplete');
    expect(md).toContain('<details><summary>1 warning (below the --level gate; they do not fail the run)</summary>');
    expect(md).toContain('exit code 1');
  });

  it('escapes table cells', () => {
    const summary = passingSummary();
    summary.suites[0]!.okta = 'Create | Users\n<b>';
    expect(toStepSummary(summary, 0)).toContain('| Create \\| Users &lt;b> | `users.create` | ✅ ready: ready |');
  });

  it('writes no summary when $GITHUB_STEP_SUMMARY is not set or empty', async () => {
    for (const env of [{}, { GITHUB_STEP_SUMMARY: '' }]) {
      const appended: string[] = [];
      let out = '';
      const reporter = createGithubReporter({ write: (t) => void (out += t), env, exitCode: () => 1, append: (path) => void appended.push(path) });
      await reporter.onRunEnd?.(failingSummary(), 'failed');
      expect(appended).toEqual([]);
      expect(out).toContain('::error file=');
    }
  });

  it('warns, and still annotates, when the summary file cannot be written', async () => {
    const path = join(tempDir(), 'missing-dir', 'summary.md');
    const out = await runReporter({ GITHUB_STEP_SUMMARY: path });
    expect(out).toContain('::error file=suites/okta/users-create.yaml,line=27');
    expect(out).toContain(`::warning title=scim-check::could not append the job summary to $GITHUB_STEP_SUMMARY (${path}): ENOENT\n`);
  });
});
