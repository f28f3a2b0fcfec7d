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

/**
 * A writer for stdout or stderr that ends quietly when the reader goes away (`scim-check run … | head -1`):
 * after EPIPE it drops further text, so the run still cleans up and exits with its own code. Any other write
 * error also stops that stream's output and is said once on `other`, which may itself be gone.
 */
export function createStreamWriter(stream: NodeJS.WritableStream, name: string, other?: () => ((text: string) => void) | undefined): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (error.code !== 'EPIPE') other?.()?.(`scim-check: cannot write to ${name} (${error.code ?? error.message}); its output stops here\n`);
  });
  return (text) => {
    if (!open) return;
    try {
      stream.write(text);
    } catch (error) {
      // A synchronous failure (a destroyed stream) means the same as an asynchronous one.
      stream.emit('error', error);
    }
  };
}
