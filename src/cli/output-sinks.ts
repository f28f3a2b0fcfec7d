// Who writes where: the one place that decides which reporter owns stdout, opens report files and flushes them.
// Files are flushed by `close()`, which callers run in `finally`, so a crashed or interrupted run still writes them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { MACHINE_REPORTERS, parseReporterSpec, reporters as reporterFactories } from '../report/index.js';
import type { ReporterSpec } from '../report/index.js';
import type { Spinner } from '../report/pretty.js';
import type { Reporter } from '../runner/events.js';
import type { RunSummary } from '../runner/types.js';
import { TOOL } from '../version.js';
import { exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadStyle } from './style.js';

export interface Sinks {
  reporters: Reporter[];
  /** Writes every report file; throws a UsageError naming the file that could not be written. */
  close: () => void;
}

/**
 * `--reporter` values plus `--output FILE` (a JSON report); pretty is always there unless it was named, and github
 * joins by itself inside GitHub Actions.
 */
export function reporterSpecs(flags: { reporter?: string[] | undefined; output?: string | undefined }, env: Record<string, string | undefined> = {}): ReporterSpec[] {
  const specs = (flags.reporter ?? []).map(parseReporterSpec);
  if (flags.output !== undefined) specs.push({ name: 'json', file: flags.output });
  if (env['GITHUB_ACTIONS'] === 'true' && !specs.some((s) => s.name === 'github')) specs.push({ name: 'github' });
  if (!specs.some((s) => s.name === 'pretty')) specs.unshift({ name: 'pretty' });
  return specs;
}

/** The documents that would go to stdout; two of them would interleave into something no parser reads. */
export function checkStdoutOwners(specs: ReporterSpec[]): void {
  const onStdout = specs.filter((s) => s.file === undefined && MACHINE_REPORTERS.includes(s.name));
  if (onStdout.length > 1) {
    const names = onStdout.map((s) => s.name);
    throw new UsageError(
      'usage.stdoutTaken',
      'Two reports on stdout',
      `--reporter ${names.join(' and --reporter ')} would both write their document to stdout; give all but one a file, e.g. --reporter ${names[1] ?? 'json'}=reports/${names[1] ?? 'report'}.out`,
    );
  }
}

/** Opens every reporter's output. Human output goes to stdout unless a document owns it; then to stderr. */
export async function openSinks(specs: ReporterSpec[], io: CliIo, options: { verbose?: boolean | undefined } = {}): Promise<Sinks> {
  checkStdoutOwners(specs);
  const files = new Map<string, string[]>();
  const stdoutTaken = specs.some((s) => s.file === undefined && MACHINE_REPORTERS.includes(s.name));
  const reporters: Reporter[] = [];
  for (const spec of specs) {
    const toFile = spec.file !== undefined ? fileWriter(files, resolve(io.cwd, spec.file)) : undefined;
    // GitHub reads workflow commands from stderr too, so annotations and human lines step aside when a document owns stdout.
    const stepsAside = (spec.name === 'pretty' || spec.name === 'github') && stdoutTaken;
    const write = toFile ?? (stepsAside ? io.stderr : io.stdout);
    const human = spec.name === 'pretty' && spec.file === undefined;
    const style = await loadStyle(human ? io.terminal.colorLevel : 0);
    // A spinner would redraw over the exchanges --verbose prints.
    const spinner = human && io.terminal.spinner && options.verbose !== true ? await createSpinner(io) : undefined;
    const factory = await reporterFactories[spec.name]();
    reporters.push(await factory({ spec, write, tool: TOOL, env: io.env, cwd: io.cwd, style, spinner, width: human ? outputWidth(io) : undefined, exitCode: (s: RunSummary) => exitCodeFor(s) }));
    if (spec.name === 'pretty' && options.verbose === true) {
      const { createVerboseReporter } = await import('../report/verbose.js');
      reporters.push(createVerboseReporter(write));
    }
  }
  const close = (): void => {
    for (const [path, chunks] of files) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, chunks.join(''));
      } catch (error) {
        throw new UsageError('output.unwritable', 'Cannot write report', `${path}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
      }
    }
    files.clear();
  };
  return { reporters, close };
}

function fileWriter(files: Map<string, string[]>, path: string): (text: string) => void {
  const chunks = files.get(path) ?? [];
  files.set(path, chunks);
  return (text) => {
    chunks.push(text);
  };
}

/** Columns to wrap human output at: $COLUMNS, or the terminal's width; undefined (no wrapping) when piped. */
export function outputWidth(io: CliIo): number | undefined {
  const columns = Number(io.env['COLUMNS']);
  if (Number.isInteger(columns) && columns >= 20) return columns;
  return io.terminal.isTTY && io.terminal.columns >= 20 ? io.terminal.columns : undefined;
}

async function createSpinner(io: CliIo): Promise<Spinner> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: io.stderrStream, isEnabled: true, discardStdin: false });
  return { start: (text) => spinner.start(text), stop: () => spinner.stop() };
}
