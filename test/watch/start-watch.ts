// Starts the built `scim-check watch` as a child process and waits for the address it listens on.
import type { ChildProcess } from 'node:child_process';
import { runCli } from '../support/run-cli.js';
import type { CliResult } from '../support/run-cli.js';

export interface WatchProcess {
  /** Origin the proxy listens on, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code and output. */
  stop(): Promise<CliResult>;
}

export async function startWatch(args: string[], env: Record<string, string> = {}): Promise<WatchProcess> {
  let child: ChildProcess | undefined;
  let seen = '';
  let onListening: ((url: string) => void) | undefined;
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  const done = runCli(['watch', '--port', '0', ...args], {
    env,
    killAfterMs: 240_000,
    onSpawn: (c) => {
      child = c;
      c.stdout?.on('data', (chunk: Buffer | string) => {
        seen += String(chunk);
        const url = /listening on (http:\/\/\S+)/.exec(seen)?.[1];
        if (url !== undefined) onListening?.(url);
      });
    },
  });
  const url = await Promise.race([listening, done.then((r) => Promise.reject(new Error(`watch exited ${String(r.exitCode)}: ${r.stderr}`)))]);
  return {
    url,
    stop: async () => {
      child?.kill('SIGINT');
      return done;
    },
  };
}
