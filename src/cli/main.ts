// The only module that touches `process`: argv, env, streams, signals and the exit code.
import { ExitCode, ScimCheckError } from '../errors.js';
import { tuneHeap } from './heap-growth.js';
import { createStreamWriter } from './io.js';
import type { CliIo } from './io.js';
import { detectTerminal } from './terminal.js';

const argv = process.argv.slice(2);

// `--version` is what scripts call most; answering it before commander loads keeps it near `node -e 0`.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === '-v')) {
  const { TOOL } = await import('../version.js');
  createStreamWriter(process.stdout, 'stdout')(`${TOOL.version}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  tuneHeap();
  const soft = new AbortController();
  const hard = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals === 1) soft.abort();
    else if (signals === 2) hard.abort();
    else process.exit(ExitCode.INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // A closed pipe (`| head -1`) ends that output quietly; the run goes on, cleans up and exits with its code.
  const stderr = createStreamWriter(process.stderr, 'stderr');
  const stdout = createStreamWriter(process.stdout, 'stdout', () => stderr);
  const io: CliIo = {
    stdout,
    stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: soft.signal,
    hardSignal: hard.signal,
    terminal: detectTerminal(process.env, process.stderr),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrStream: process.stderr,
  };

  try {
    const { runProgram } = await import('./program.js');
    process.exitCode = await runProgram(argv, io);
  } catch (error) {
    const { formatError } = await import('./format-error.js');
    stderr(formatError(error));
    process.exitCode = error instanceof ScimCheckError ? error.exitCode : ExitCode.INTERNAL;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
