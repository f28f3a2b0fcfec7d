// `scim-check validate FILE…`: checks suite and profile files without sending anything.
// A file with a top-level `features` key is a profile; anything else is a suite.
import { resolve } from 'node:path';
import { ScimCheckError, ScimCheckErrors } from '../../errors.js';
import { fixturesDir as builtinFixturesDir } from '../../suite/builtin.js';
import { readInput } from '../../suite/load-suite.js';
import { loadProfileText, loadSuiteText } from '../../suite/index.js';

export interface ValidateOptions {
  files: string[];
  cwd: string;
  /** Folder `$fixture` paths are read from (default: the package's fixtures/). */
  fixturesDir?: string | undefined;
}

export interface ValidateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Loads each file, printing `✓ file (N steps)` or each problem as `file:line:col  title` plus its detail. */
export async function validate(options: ValidateOptions, io: ValidateIo): Promise<{ ok: boolean; errors: ScimCheckError[] }> {
  const errors: ScimCheckError[] = [];
  const fixturesDir = options.fixturesDir ?? builtinFixturesDir();
  for (const file of options.files) {
    try {
      const text = await readInput(resolve(options.cwd, file), file);
      if (isProfileText(text)) {
        const profile = loadProfileText(text, file);
        const count = Object.keys(profile.features).length;
        io.stdout(`✓ ${file} (profile, ${count} ${count === 1 ? 'feature' : 'features'})\n`);
      } else {
        const suite = loadSuiteText(text, file, { fixturesDir });
        io.stdout(`✓ ${file} (${suite.steps.length} ${suite.steps.length === 1 ? 'step' : 'steps'})\n`);
      }
    } catch (error) {
      if (!(error instanceof ScimCheckError)) throw error;
      const found = error instanceof ScimCheckErrors ? [...error.errors] : [error];
      for (const e of found) io.stderr(formatError(e, file));
      errors.push(...found);
    }
  }
  return { ok: errors.length === 0, errors };
}

/** `file:line:col  title` then the detail indented on the next line. */
export function formatError(error: ScimCheckError, file: string): string {
  const loc = error.location;
  const where = loc === undefined ? file : `${loc.file}:${loc.line}:${loc.column}`;
  return `${where}  ${error.title}\n    ${error.detail}\n${error.hint === undefined ? '' : `    hint: ${error.hint}\n`}`;
}

/** A profile names its features at the top level; checked on the text so a broken file still gets the right errors. */
function isProfileText(text: string): boolean {
  return /^features\s*:/m.test(text);
}
