// Spawns the built CLI (bin/scim-check.js) with the current Node binary, so CI's Node 24 pass covers it too.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/scim-check.js', import.meta.url));

export interface CliResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Called once the child is running (e.g. to send it a signal). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  /** Kill the child after this long (a safety net, not an assertion). */
  killAfterMs?: number;
  input?: string;
}

/** Runs `scim-check ...args` with a clean environment (no SCIM_* from the developer's shell, no colour). */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('SCIM_') && !/^(FORCE_COLOR|NO_COLOR|GITHUB_STEP_SUMMARY|GITHUB_ACTIONS|GITHUB_WORKSPACE|HTTPS?_PROXY|https?_proxy)$/.test(k)) env[k] = v;
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 50_000);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}

/**
 * An `onSpawn` that sends `signal` to the CLI once `ready()` holds (polled every 10 ms), e.g. once the server has
 * seen the request the interrupt must land on.
 */
export function signalWhen(ready: () => boolean, signal: NodeJS.Signals = 'SIGINT'): (child: import('node:child_process').ChildProcess) => void {
  return (child) => {
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      child.kill(signal);
    }, 10);
    child.once('exit', () => clearInterval(poll));
  };
}
