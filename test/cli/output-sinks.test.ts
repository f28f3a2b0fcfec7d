import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkStdoutOwners, openSinks, reporterSpecs } from '../../src/cli/output-sinks.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
    cwd,
    signal: new AbortController().signal,
    hardSignal: new AbortController().signal,
    terminal: { colorLevel: 0, spinner: false, isTTY: false, columns: 80 },
    stdoutIsTTY: false,
    stderrStream: process.stderr,
  };
}

describe('output sinks', () => {
  it('pretty is always there, first, unless named', () => {
    expect(reporterSpecs({ reporter: ['json=r.json'] }).map((s) => s.name)).toEqual(['pretty', 'json']);
    expect(reporterSpecs({ output: 'r.json' })).toEqual([{ name: 'pretty' }, { name: 'json', file: 'r.json' }]);
  });

  it('refuses two documents on stdout, naming both', () => {
    const specs = reporterSpecs({ reporter: ['junit', 'json'] });
    expect(() => checkStdoutOwners(specs)).toThrow(UsageError);
    expect(() => checkStdoutOwners(specs)).toThrow(/junit and --reporter json/);
    expect(() => checkStdoutOwners(reporterSpecs({ reporter: ['junit', 'json=r.json', 'har=r.har'] }))).not.toThrow();
  });

  it('moves human output to stderr when a document owns stdout, and writes files only on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sinks-'));
    const io = fakeIo(dir);
    const sinks = await openSinks(reporterSpecs({ reporter: ['json', 'junit=out/junit.xml'] }), io);
    expect(sinks.reporters).toHaveLength(3);
    sinks.reporters[0]?.onSuiteStart?.({ id: 's', title: 'A suite', steps: [] } as never);
    expect(io.out.join('')).toBe('');
    expect(io.err.join('')).toContain('A suite');
    sinks.reporters[2]?.onRunEnd?.(
      { runId: 'r', baseUrl: 'http://x', profile: 'okta', startedAt: new Date(0).toISOString(), durationMs: 1, gate: 'required', counts: { passed: 0, failed: 0, errored: 0, skipped: 0, unsupported: 0, warnings: 0, total: 0 }, suites: [], cleanup: [], cleanupIncomplete: false, reason: 'passed', notices: [] },
      'passed',
    );
    expect(() => readFileSync(join(dir, 'out/junit.xml'))).toThrow();
    sinks.close();
    expect(readFileSync(join(dir, 'out/junit.xml'), 'utf8')).toContain('<testsuites');
  });
});
