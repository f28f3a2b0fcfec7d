// `scim-check validate FILE… [--profile FILE]…`: checks suite, profile and config files without sending anything.
// What a file is comes from how it is named, never from its content (README "Checking files without running them").
import { basename, dirname, resolve } from 'node:path';
import { parseConfigText } from '../../config/config-file.js';
import { ScimCheckError, ScimCheckErrors, UsageError } from '../../errors.js';
import { fixturesDir as builtinFixturesDir } from '../../suite/builtin.js';
import { readInput } from '../../suite/load-suite.js';
import { loadProfileText, loadSuiteText } from '../../suite/index.js';
import { formatProblem } from '../format-error.js';

export type FileKind = 'suite' | 'profile' | 'config';

export interface ValidateOptions {
  files: string[];
  /** Files named with `--profile FILE`: checked as profiles whatever their name. */
  profiles?: string[] | undefined;
  cwd: string;
  /** The built-in fixtures folder `$fixture` falls back to (default: the package's fixtures/). */
  fixturesDir?: string | undefined;
}

export interface ValidateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * The kind a file is checked as: scim-check.yaml / .yml is the config file; a file in a `profiles` folder or named
 * `*.profile.yaml` is a profile; anything else is a suite. `--profile FILE` overrides the name.
 */
export function kindOf(file: string): FileKind {
  const name = basename(file).toLowerCase();
  if (name === 'scim-check.yaml' || name === 'scim-check.yml') return 'config';
  if (/\.profile\.ya?ml$/.test(name) || basename(dirname(resolve(file))) === 'profiles') return 'profile';
  return 'suite';
}

/** Loads each file, printing `✓ file (N steps)` or each problem through the renderer `run` uses too. */
export async function validate(options: ValidateOptions, io: ValidateIo): Promise<{ ok: boolean; errors: ScimCheckError[] }> {
  const named = [...options.files.map((file) => ({ file, kind: kindOf(file) })), ...(options.profiles ?? []).map((file) => ({ file, kind: 'profile' as const }))];
  if (named.length === 0) throw new UsageError('usage.noFiles', 'Nothing to validate', 'name at least one suite file, or a profile with --profile FILE');
  const errors: ScimCheckError[] = [];
  const fixturesDir = options.fixturesDir ?? builtinFixturesDir();
  for (const { file, kind } of named) {
    try {
      const path = resolve(options.cwd, file);
      const text = await readInput(path, file);
      io.stdout(`✓ ${file} (${describe(kind, text, file, path, fixturesDir)})\n`);
    } catch (error) {
      if (!(error instanceof ScimCheckError)) throw error;
      const found = (error instanceof ScimCheckErrors ? [...error.errors] : [error]).map((e) => (kind === 'suite' ? withProfileHint(e) : e));
      for (const e of found) io.stderr(formatProblem(e));
      errors.push(...found);
    }
  }
  return { ok: errors.length === 0, errors };
}

function describe(kind: FileKind, text: string, file: string, path: string, fixturesDir: string): string {
  switch (kind) {
    case 'config':
      parseConfigText(text, file);
      return 'config';
    case 'profile': {
      const count = Object.keys(loadProfileText(text, file).features).length;
      return `profile, ${count} ${count === 1 ? 'feature' : 'features'}`;
    }
    case 'suite': {
      const count = loadSuiteText(text, file, { fixturesDir, suiteDir: dirname(path) }).steps.length;
      return `${count} ${count === 1 ? 'step' : 'steps'}`;
    }
  }
}

/** A profile checked as a suite fails on its `features` key; say how to check it as a profile. */
function withProfileHint(error: ScimCheckError): ScimCheckError {
  if (error.code !== 'suite.unknownKey' || !error.detail.startsWith('unknown key "features" in suite')) return error;
  return new ScimCheckError({
    code: error.code,
    exitCode: error.exitCode,
    title: error.title,
    detail: error.detail,
    location: error.location,
    hint: 'if this file is a profile, check it with `scim-check validate --profile FILE`, or name it *.profile.yaml or put it in a profiles/ folder',
  });
}
