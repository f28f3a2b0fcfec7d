// Runs the built CLI under /usr/bin/time, so each hostile case can bound the peak memory of the whole process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/run-cli.js';

export interface HostileRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, in MiB. */
  peakMiB: number;
}

export function runHostile(args: string[], options: { env?: Record<string, string>; killAfterMs?: number; onSpawn?: (pid: number) => void } = {}): Promise<HostileRun> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('SCIM_') && !/^(FORCE_COLOR|NO_COLOR|CI|GITHUB_ACTIONS|GITHUB_STEP_SUMMARY|HTTPS?_PROXY|https?_proxy)$/.test(k)) env[k] = v;
  }
  Object.assign(env, options.env ?? {});
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-rss-'));
  const rssFile = join(dir, 'rss');
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // The safety net kills the whole group: killing /usr/bin/time alone would leave the CLI holding the pipes open.
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.killAfterMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      let peakKb = Number.NaN;
      try {
        peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      } catch {
        // killed before time wrote it
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode, stdout, stderr, peakMiB: peakKb / 1024 });
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
  });
}

/** A stack trace line or the bug banner: never acceptable in a hostile case. */
export function hasStackTrace(text: string): boolean {
  // Our own "at suite.yaml:5:5" lines are relative; a stack frame names an absolute file, a URL or node:.
  return /^\s+at (?:.+ \()?(?:file:\/\/|node:|\/)[^)]*:\d+:\d+\)?$/m.test(text) || text.includes('hit a bug');
}

/**
 * A raw control byte (LF and tab aside), a C1 control, or a bidi control or line separator: what a terminal would
 * act on (move, clear, retitle, or reorder what follows).
 */
export function rawControl(text: string): string | undefined {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/.exec(text)?.[0];
}

/** Every form of `secret` that must never appear in an artefact. */
export function leakForms(secret: string, slices = true): string[] {
  const forms = new Set<string>([secret, secret.toLowerCase(), secret.toUpperCase()]);
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(secret)]).toString('base64');
    const middle = encoded.slice(Math.ceil((8 * pad) / 6), Math.floor((8 * (pad + secret.length)) / 6));
    forms.add(middle);
    forms.add(middle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  if (slices) for (let i = 0; i + 8 <= secret.length; i++) forms.add(secret.slice(i, i + 8));
  return [...forms];
}

/**
 * The first form of `secret` found in `text` (case-insensitive for the plain forms), or undefined. `slices: false`
 * for a password the run sent: those are redacted whole in every form, not by their slices.
 */
export function findLeak(text: string, secret: string, slices = true): string | undefined {
  const lower = text.toLowerCase();
  return leakForms(secret, slices).find((form) => (/^[A-Za-z0-9+/_-]+$/.test(form) && form !== secret ? text.includes(form) : lower.includes(form.toLowerCase())));
}
