// The only module that touches `process`: argv, env, streams, signals and the exit code.
import { ExitCode, ScimCheckError } from '../errors.js';
import { formatError } from './format-error.js';
import type { CliIo } from './io.js';
import { runProgram } from './program.js';
import { detectTerminal } from './terminal.js';

const soft = new AbortController();
const hard = new AbortController();
let signals = 0;
function onSignal(): void {
  signals += 1;
  if (signals === 1) soft.abort();
  else if (signals === 2) hard.abort();
  else process.exit(ExitCode.INTERRUPTED);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  signal: soft.signal,
  hardSignal: hard.signal,
  terminal: detectTerminal(process.env, process.stderr),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrStream: process.stderr,
};

try {
  process.exitCode = await runProgram(process.argv.slice(2), io);
} catch (error) {
  process.stderr.write(formatError(error));
  process.exitCode = error instanceof ScimCheckError ? error.exitCode : ExitCode.INTERNAL;
} finally {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
