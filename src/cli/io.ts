// What a command may touch of the outside world, passed in explicitly so tests can call commands directly.
import type { Terminal } from './terminal.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Aborted on the second one. */
  hardSignal: AbortSignal;
  /** How stderr (human output) looks. */
  terminal: Terminal;
  stdoutIsTTY: boolean;
  /** A stream the spinner may draw on (stderr). */
  stderrStream: NodeJS.WritableStream;
}
