// Build step (run by `npm run build`): compiles the built-in suites and profiles into dist/suite/builtins.js, the
// loader's own output serialized as it is (so new suite features need nothing here) plus a position tree for
// file:line:col. A suite is compiled only when it loads with an empty environment and no profile variables: its
// compiled form then holds for every environment and profile. Others stay on the YAML path.
import { deepStrictEqual } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'yaml';
import type * as YamlModule from 'yaml';
import { isPlainObject } from '../shared/is-plain-object.js';
import { builtinProfilePath, fixturesDir, listBuiltinProfiles, listBuiltinSuiteFiles, packageRoot } from './builtin.js';
import { digestOf } from './compiled-builtins.js';
import type { CompiledBuiltins, PositionTree } from './compiled-builtins.js';
import { loadProfileFile } from './profile.js';
import { loadSuiteFile } from './load-suite.js';

const yaml = createRequire(import.meta.url)('yaml') as typeof YamlModule;
const root = packageRoot();

/** The position tree of a YAML text, parsed with the loader's options (source-map.ts). */
function positionTree(text: string): PositionTree {
  const { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq } = yaml;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const resolve = (node: unknown, depth = 0): Node | undefined => {
    if (isAlias(node)) return depth > 100 ? undefined : resolve(node.resolve(doc), depth + 1);
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  };
  const pos = (node: Node | undefined): { l: number; c: number } => {
    const p = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { l: p.line, c: p.col };
  };
  const tree = (node: Node | undefined, depth: number): PositionTree => {
    if (depth > 200) throw new Error('YAML nested too deeply to compile');
    const here: PositionTree = pos(node);
    if (isMap(node)) {
      here.m = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) continue; // the walk takes the first pair with a key
        seen.add(key);
        const keyNode = resolve(pair.key);
        const value = resolve(pair.value);
        const empty = value === undefined || (isScalar(value) && value.value === null && value.source === '');
        const k = pos(keyNode);
        here.m.push([key, k.l, k.c, empty ? null : tree(value, depth + 1)]);
      }
    } else if (isSeq(node)) {
      here.s = node.items.map((item) => {
        const resolved = resolve(item);
        return resolved === undefined ? null : tree(resolved, depth + 1);
      });
    }
    return here;
  };
  return tree(resolve(doc.contents), 0);
}

/** Package-relative paths of the fixtures a suite document names with `$fixture`. */
function fixturesNamed(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) fixturesNamed(v, found);
  else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$fixture' && typeof child === 'string') found.add(relative(root, `${fixturesDir()}/${child}`));
      else fixturesNamed(child, found);
    }
  }
  return found;
}

/** JSON of { value, tree }; refuses a value JSON would change (so the compiled form can never differ silently). */
function serialize(value: object, tree: PositionTree, what: string): string {
  const { locate: _locate, ...data } = value as { locate: unknown };
  const text = JSON.stringify({ value: data, tree });
  deepStrictEqual((JSON.parse(text) as { value: unknown }).value, data, `${what} does not survive JSON; it cannot be compiled`);
  return text;
}

const sources: string[] = [];
const suites: Record<string, string> = {};
const fixtures = new Set<string>();
for (const path of await listBuiltinSuiteFiles()) {
  const display = relative(root, path);
  const text = readFileSync(path, 'utf8');
  sources.push(display);
  try {
    const suite = await loadSuiteFile(path, { fixturesDir: fixturesDir(), displayPath: display, env: {}, extraVarRoots: [] });
    suites[display] = serialize(suite, positionTree(text), display);
    fixturesNamed(yaml.parse(text, { merge: true }) as unknown, fixtures);
  } catch {
    // Needs an environment variable or a profile's variables (or is broken): the YAML loader handles it at run time.
  }
}
const profiles: Record<string, string> = {};
for (const name of await listBuiltinProfiles()) {
  const path = builtinProfilePath(name);
  const display = relative(root, path);
  sources.push(display);
  try {
    const profile = await loadProfileFile(path, { displayPath: display });
    profiles[name] = serialize(profile, positionTree(readFileSync(path, 'utf8')), display);
  } catch {
    // Broken: the YAML loader reports it at run time.
  }
}
sources.push(...[...fixtures].sort());
const compiled: CompiledBuiltins = { sources, digest: await digestOf(root, sources), suites, profiles };
writeFileSync(fileURLToPath(new URL('./builtins.js', import.meta.url)), `// Generated by build-builtins.js; do not edit.\nexport default ${JSON.stringify(compiled)};\n`);
