// The built-in suites and profiles as `npm run build` compiled them (build-builtins.ts → dist/suite/builtins.js):
// the loader's own output, plus a table of node positions for file:line:col, so commands on built-in suites parse
// no YAML. Used only while the package's files still hash to what was compiled; otherwise the YAML path runs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceLocation } from '../errors.js';
import { parsePointer } from '../shared/json-pointer.js';
import { packageRoot } from './builtin.js';
import type { Profile, Suite } from './types.js';

/**
 * Where each YAML node starts, shaped like the document: a mapping lists [key, key line, key column, value]
 * (value null when it is empty), a sequence its items (null for none). Mirrors source-map.ts's pointer walk.
 */
export interface PositionTree {
  l: number;
  c: number;
  m?: Array<[string, number, number, PositionTree | null]>;
  s?: Array<PositionTree | null>;
}

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
    hash.update(await readFile(join(root, source)));
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

/** locate() over a position tree: the same answers as the YAML source map's locate for every pointer. */
export function locateIn(tree: PositionTree, file: string, pointer: string): SourceLocation {
  let node = tree;
  const at = (line: number, column: number): SourceLocation => ({ file, line, column });
  for (const segment of parsePointer(pointer) ?? []) {
    if (node.m !== undefined) {
      const pair = node.m.find((p) => p[0] === segment);
      if (pair === undefined) {
        // A single mapping stands for a one-element list (expect, cleanup), so '/0' stays on it.
        if (segment === '0') continue;
        return at(node.l, node.c);
      }
      if (pair[3] === null) return at(pair[1], pair[2]);
      node = pair[3];
    } else if (node.s !== undefined && /^\d+$/.test(segment)) {
      const item = node.s[Number(segment)];
      if (item === undefined || item === null) return at(node.l, node.c);
      node = item;
    } else {
      return at(node.l, node.c);
    }
  }
  return at(node.l, node.c);
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
  return { ...value, locate: (pointer) => locateIn(tree, value.file, pointer) };
}

/** A fresh Profile for a built-in profile name, or undefined when it was not compiled. */
export async function compiledProfile(name: string): Promise<Profile | undefined> {
  const text = (await compiledBuiltins())?.profiles[name];
  if (text === undefined) return undefined;
  const { value, tree } = JSON.parse(text) as { value: Omit<Profile, 'locate'>; tree: PositionTree };
  return { ...value, locate: (pointer) => locateIn(tree, value.file, pointer) };
}
