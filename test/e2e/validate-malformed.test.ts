// `validate` with the built CLI over every malformed and invalid suite, and over files that are not files: never a
// hang, never a crash, each refusal in the one problem format that `run` prints too, exit code 3.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const STACK = /\n\s+at .*\.js:\d+/;
const dir = mkdtempSync(join(tmpdir(), 'scim-check-validate-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus = ['fixtures/suites/malformed', 'fixtures/suites/invalid'].flatMap((folder) =>
  readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${folder}/${f}`),
);

// V8's linear-time engine runs lookbehind from the V8 of Node 22 on: there that file's pattern is safe, so valid.
const LOOKBEHIND_FILE = 'fixtures/suites/malformed/regex-lookbehind-header.yaml';
const linearLookbehind = spawnSync(process.execPath, ['--enable-experimental-regexp-engine', '-e', "new RegExp('(?<=a)b', 'l')"]).status === 0;
const refused = corpus.filter((f) => !(linearLookbehind && f === LOOKBEHIND_FILE));

describe('validate on the malformed corpus', () => {
  it('refuses every file, each at its place, in one run that ends by itself', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(90);
    const r = await runCli(['validate', ...corpus], { killAfterMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe(linearLookbehind ? `✓ ${LOOKBEHIND_FILE} (1 step)\n` : '');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toContain('hit a bug');
    for (const file of refused) expect(r.stderr, file).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  \\S`, 'm'));
  });

  it('gives a directory, a FIFO, a device and an oversized file their own error without reading them', async () => {
    const fifo = join(dir, 'suite.fifo');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 5 * 1024 * 1024);
    // Nobody ever opens the FIFO for writing: reading it would block for good.
    const r = await runCli(['validate', dir, fifo, '/dev/zero', big, join(dir, 'missing.yaml')], { killAfterMs: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(
      [
        'error: Not a regular file',
        `    ${dir} is a directory; scim-check reads regular files only (name the files inside it)`,
        'error: Not a regular file',
        `    ${fifo} is a FIFO (named pipe); scim-check reads regular files only`,
        'error: Not a regular file',
        '    /dev/zero is a device; scim-check reads regular files only',
        'error: File too large',
        `    ${big} is 5.0 MiB; files over 4.0 MiB are not read`,
        'error: File not found',
        `    cannot read ${join(dir, 'missing.yaml')}: no such file`,
        '',
      ].join('\n'),
    );
  });

  it('prints a suite problem exactly as run does (one renderer)', async () => {
    const file = 'fixtures/suites/malformed/header-value-crlf.yaml';
    const checked = await runCli(['validate', file]);
    const ran = await runCli(['run', file, '--base-url', 'http://127.0.0.1:9/scim/v2']);
    expect(checked.exitCode).toBe(3);
    expect(ran.exitCode).toBe(3);
    expect(checked.stderr).toMatch(/^fixtures\/suites\/malformed\/header-value-crlf\.yaml:11:17  Invalid header\n {4}header "X-Note" has a line break/);
    expect(ran.stderr).toBe(`1 problem found; nothing was sent\n${checked.stderr}`);
  });

  it('exits 3 for a missing input file of any kind', async () => {
    const cases: string[][] = [
      ['validate', 'nope.yaml'],
      ['run', 'nope.yaml', '--base-url', 'http://127.0.0.1:9/scim/v2'],
      ['run', '--profile', 'nope.yaml', '--base-url', 'http://127.0.0.1:9/scim/v2'],
      ['run', '--config', 'nope.yaml'],
      ['list', '--config', 'nope.yml'],
      ['run', '--token-file', 'nope.txt', '--base-url', 'http://127.0.0.1:9/scim/v2'],
      ['run', '--ca', 'nope.pem', '--base-url', 'https://127.0.0.1:9/scim/v2'],
      ['validate', '--profile', 'nope.yaml'],
    ];
    for (const args of cases) {
      const r = await runCli(args);
      expect(r.exitCode, args.join(' ')).toBe(3);
      expect(r.stderr, args.join(' ')).toMatch(/error: File not found\n {4}cannot read .*nope\.\w+: no such file/);
    }
  });
});
