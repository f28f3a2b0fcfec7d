// README stays true, command by command: every `scim-check` line of its shell blocks is run as written (through
// bash, so quoting and $VARS behave as in a terminal) in a fresh folder holding the files README itself shows. A
// line that names a remote server gets the embedded reference server's URL instead; the two commands that listen
// until stopped (serve, watch) are the only ones not run, and are named here so a new kind of line cannot slip by.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { hasStackTrace } from '../hostile/run-hostile.js';
import { BIN, ROOT } from '../support/run-cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const TOKEN = 'readme-commands-token-7f3';
const POSTMAN_KEY = 'readme-postman-key-9a1';
const LISTENING = new Set(['serve', 'watch']);
/** Exit codes that mean README's line itself is wrong: usage (2), input (3), a bug (70). */
const WRONG_LINE = new Set([2, 3, 70]);

interface Line {
  text: string;
  command: string;
}

function shellLines(markdown: string): Line[] {
  const lines: Line[] = [];
  for (const m of markdown.matchAll(/^```(?:sh|bash)\n([\s\S]*?)^```$/gm)) {
    for (const raw of (m[1] ?? '').split('\n')) {
      const text = raw.replace(/\s+#.*$/, '').trim();
      const call = /(?:^|&&\s*)(?:[A-Z_]+=\S+\s+)*(?:npx\s+)?scim-check(?:\s+(\S+))?/.exec(text);
      if (call !== null) lines.push({ text, command: call[1] ?? '' });
    }
  }
  return lines;
}

/** Blocks README names by the paragraph before them ("`bodies/new-user.json`, next to the suite:"). */
function namedFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const before = markdown.slice(0, m.index).trimEnd().split('\n').pop() ?? '';
    const name = /`([\w./-]+\.(?:ya?ml|json))`[^`]*:$/.exec(before)?.[1];
    if (name !== undefined) files.set(name, m[2] ?? '');
  }
  const yaml = [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  // The profile and settings examples are shown without a file name; these are the names README's commands use.
  const profile = yaml.find((t) => /^features:/m.test(t));
  const settings = yaml.find((t) => /^baseUrl:/m.test(t));
  if (profile !== undefined) files.set('my-app.yaml', profile);
  if (settings !== undefined) files.set('scim-check.yaml', settings);
  return files;
}

let root: string;
let shim: string;
let okta: RunningServer;
let postman: RunningServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'scim-check-readme-commands-'));
  shim = join(root, 'bin');
  mkdirSync(shim);
  // `scim-check` and `npx scim-check` both reach the built CLI, as they do after `npm install`.
  const script = `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`;
  writeFileSync(join(shim, 'scim-check'), script);
  writeFileSync(join(shim, 'npx'), `#!/bin/sh\nshift\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shim, 'scim-check'), 0o755);
  chmodSync(join(shim, 'npx'), 0o755);
  okta = await startServer({ port: 0, token: TOKEN });
  postman = await startServer({ port: 0, token: POSTMAN_KEY, emulate: 'postman' });
});
afterAll(async () => {
  await Promise.all([okta?.close(), postman?.close()]);
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder with README's files and the repository's suites (its `validate suites/okta/…` line names them). */
function folder(line: Line): string {
  const dir = mkdtempSync(join(root, 'case-'));
  symlinkSync(join(ROOT, 'suites'), join(dir, 'suites'));
  if (line.command !== 'init') {
    for (const [name, text] of namedFiles(README)) {
      // The settings example reads its own secrets from the environment; it is only there for the line naming it.
      if (name === 'scim-check.yaml' && !line.text.includes(name)) continue;
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  }
  return dir;
}

function bash(line: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('SCIM_') && !/^(FORCE_COLOR|NO_COLOR|GITHUB_\w+)$/.test(k)) base[k] = v;
    const child = spawn('bash', ['-c', line], { cwd, env: { ...base, ...env, PATH: `${shim}:${process.env['PATH'] ?? ''}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The line with any remote URL pointed at the reference server, and env prefixes like `SCIM_TOKEN=…` dropped. */
function localised(line: Line, base: string): string {
  // `npm install && …` needs no second install here: the tests run on the installed, built checkout.
  return line.text.replace(/^npm install && /, '').replace(/^(?:[A-Z_]+=\S+\s+)+/, '').replace(/https?:\/\/[^\s"']+\/scim\/v2/g, base);
}

describe('README shell lines', () => {
  const lines = shellLines(README);

  it('are found, and every kind of line is either run or named as listening', () => {
    expect(lines.length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(lines.map((l) => l.command));
    for (const kind of ['run', 'list', 'validate', 'init', 'demo']) expect(kinds).toContain(kind);
    expect([...kinds].filter((k) => LISTENING.has(k)).sort()).toEqual(['serve', 'watch']);
  });

  it.each(shellLines(README).filter((l) => !LISTENING.has(l.command)).map((l) => [l.text, l] as const))('%s', async (_text, line) => {
    const dir = folder(line);
    const postmanLine = line.text.includes('POSTMAN_KEY');
    const target = postmanLine ? postman : okta;
    const env: Record<string, string> = { SCIM_TOKEN: TOKEN, POSTMAN_KEY, SCIM_BASE_URL: target.baseUrl };
    if (postmanLine) delete env['SCIM_TOKEN'];
    if (line.command === 'replay') {
      // A recording to replay: the HAR of a run, as README's `watch` section makes one.
      const made = await bash(`scim-check run users.create --base-url ${okta.baseUrl} --reporter har=session.har`, dir, env);
      expect(made.code, made.out).toBe(0);
    }
    const result = await bash(localised(line, target.baseUrl), dir, env);
    expect(WRONG_LINE.has(result.code ?? 70), `${line.text}\n${result.out}`).toBe(false);
    expect(hasStackTrace(result.out), result.out).toBe(false);
    expect(result.out).not.toContain(TOKEN);
    if (['list', 'validate', 'init', 'demo', 'run'].includes(line.command) || line.text.includes('--version')) expect(result.code, `${line.text}\n${result.out}`).toBe(0);
  });
});
