// The built-in suites and profiles as `npm run build` compiled them (build-builtins.ts → dist/suite/builtins.js):
// the loader's own output, plus a table of node positions for file:line:col, so commands on built-in suites parse
// no YAML. Used only while the package's files still hash to what was compiled; otherwise the YAML path runs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './builtin.js';
import { locator } from './position-tree.js';
import type { PositionTree } from './position-tree.js';
import type { Profile, Suite } from './types.js';

/** What build-builtins.ts writes: files hashed, and each suite or profile as JSON text (parsed on demand). */
export interface CompiledBuiltins {
  /** Package-relative paths of every file the compiled forms were made from (suites, profiles, fixtures used). */
  sources: string[];
  digest: string;
  /** By package-relative suite path ('suites/okta/users-create.yaml'): JSON of { value, tree }. */
  suites: Record<string, string>;
  /** By built-in profile name ('okta'): JSON of { value, tree }. */
  profiles: Record<string, string>;
}

/** The digest of `sources` as they are on disk now; build and run compute it the same way. */
export async function digestOf(root: string, sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const source of sources) {
    hash.update(`${source}\u0000`);
    // Synchronous: some forty small files, each read through the thread pool cost more than the reading.
    hash.update(readFileSync(join(root, source)));
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

let loading: Promise<CompiledBuiltins | undefined> | undefined;

/** The compiled built-ins when present (a build) and current (no built-in file changed since); else undefined. */
export function compiledBuiltins(): Promise<CompiledBuiltins | undefined> {
  loading ??= (async () => {
    let compiled: CompiledBuiltins;
    try {
      // A computed specifier: the module exists only in dist/, after `npm run build`.
      compiled = ((await import(new URL('./builtins.js', import.meta.url).href)) as { default: CompiledBuiltins }).default;
    } catch {
      return undefined;
    }
    try {
      return (await digestOf(packageRoot(), compiled.sources)) === compiled.digest ? compiled : undefined;
    } catch {
      return undefined;
    }
  })();
  return loading;
}

/** A fresh Suite for a built-in suite file (package-relative path), or undefined when it was not compiled. */
export async function compiledSuite(displayPath: string): Promise<Suite | undefined> {
  const text = (await compiledBuiltins())?.suites[displayPath];
  if (text === undefined) return undefined;
  const { value, tree } = JSON.parse(text) as { value: Omit<Suite, 'locate'>; tree: PositionTree };
  return { ...value, locate: locator(tree, value.file) };
}

/** A fresh Profile for a built-in profile name, or undefined when it was not compiled. */
export async function compiledProfile(name: string): Promise<Profile | undefined> {
  const text = (await compiledBuiltins())?.profiles[name];
  if (text === undefined) return undefined;
  const { value, tree } = JSON.parse(text) as { value: Omit<Profile, 'locate'>; tree: PositionTree };
  return { ...value, locate: locator(tree, value.file) };
}
