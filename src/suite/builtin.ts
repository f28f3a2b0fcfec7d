// Where the package's own suites, profiles and fixtures live, found from this module's URL so the same
// code works from dist/ (installed) and from src/ (under vitest).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding scim-check's package.json. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`scim-check: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** suites/okta: one built-in suite per Okta feature. */
export function builtinSuitesDir(): string {
  return join(packageRoot(), 'suites', 'okta');
}

/** suites/profiles: okta.yaml, okta-aiw.yaml, postman.yaml, … */
export function builtinProfilesDir(): string {
  return join(packageRoot(), 'suites', 'profiles');
}

/** fixtures/: what `$fixture: okta/create-user.json` is read from. */
export function fixturesDir(): string {
  return join(packageRoot(), 'fixtures');
}

/** The file of a built-in profile by name (`okta` → suites/profiles/okta.yaml); it may not exist. */
export function builtinProfilePath(name: string): string {
  return join(builtinProfilesDir(), `${name}.yaml`);
}

/** Names of the built-in profiles (file names without .yaml), sorted. */
export async function listBuiltinProfiles(): Promise<string[]> {
  const files = await readdir(builtinProfilesDir()).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** Absolute paths of the built-in suites, sorted by file name (the order `run` and `list` use). */
export async function listBuiltinSuiteFiles(): Promise<string[]> {
  const dir = builtinSuitesDir();
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map((f) => join(dir, f));
}
