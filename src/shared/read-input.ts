// Reads a file the user named (suite, profile, config, fixture, secret, CA) after a stat, so a directory, a FIFO, a
// device such as /dev/zero or a huge file gets its own error instead of a hang or a misleading "not found".
// Every problem is exit code 3 with an `input.*` code, whatever kind of file it was (README "Exit codes").
import { readFileSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ExitCode, ScimCheckError } from '../errors.js';

/** Large enough for any hand-written suite, small enough that a wrong file is refused before it is read. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export interface ReadInputOptions {
  /** How the file is named in messages: `suite file`, `--token-file`, `fixture "okta/x.json"`. */
  what?: string | undefined;
  maxBytes?: number | undefined;
  /** Accept a FIFO (for secrets given by process substitution, `--token-file <(pass show scim)`). */
  allowPipe?: boolean | undefined;
}

function inputError(code: string, title: string, detail: string): ScimCheckError {
  return new ScimCheckError({ code, exitCode: ExitCode.INVALID_INPUT, title, detail });
}

function label(shown: string, options: ReadInputOptions): string {
  return options.what === undefined ? shown : `${options.what} ${shown}`;
}

function statFailure(error: unknown, shown: string, options: ReadInputOptions): ScimCheckError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return inputError('input.notFound', 'File not found', `cannot read ${label(shown, options)}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return inputError('input.unreadable', 'File not readable', `cannot read ${label(shown, options)}: permission denied`);
  return inputError('input.unreadable', 'File not readable', `cannot read ${label(shown, options)}: ${code ?? (error as Error).message}`);
}

/** The error for a path that exists but is not a regular file of a sane size; undefined when it may be read. */
export function checkInputStats(stats: Stats, shown: string, options: ReadInputOptions = {}): ScimCheckError | undefined {
  const kind = stats.isDirectory()
    ? 'a directory'
    : stats.isFIFO()
      ? options.allowPipe === true
        ? undefined
        : 'a FIFO (named pipe)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : undefined;
  if (kind !== undefined) {
    return inputError('input.notAFile', 'Not a regular file', `${label(shown, options)} is ${kind}; scim-check reads regular files only${kind === 'a directory' ? ' (name the files inside it)' : ''}`);
  }
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (stats.isFile() && stats.size > max) {
    return inputError('input.tooLarge', 'File too large', `${label(shown, options)} is ${mebibytes(stats.size)}; files over ${mebibytes(max)} are not read`);
  }
  return undefined;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;
}

/** Reads a UTF-8 file named by the user; every failure is a ScimCheckError with exit code 3. */
export async function readInputFile(path: string, shown: string, options: ReadInputOptions = {}): Promise<string> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw statFailure(error, shown, options);
  }
  const refused = checkInputStats(stats, shown, options);
  if (refused !== undefined) throw refused;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw statFailure(error, shown, options);
  }
}

/** readInputFile for synchronous callers (the suite loader reads fixtures while it checks a suite). */
export function readInputFileSync(path: string, shown: string, options: ReadInputOptions = {}): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw statFailure(error, shown, options);
  }
  const refused = checkInputStats(stats, shown, options);
  if (refused !== undefined) throw refused;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw statFailure(error, shown, options);
  }
}
