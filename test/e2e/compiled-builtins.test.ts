// The compiled built-in suites and profiles (dist/suite/builtins.js, made by `npm run build`) must equal what the
// YAML loader makes of the same files today: every field, and locate() for every pointer into the document.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fromSource from '../../src/suite/index.js';
import { parseYaml } from '../../src/suite/source-map.js';
import type * as CompiledModule from '../../src/suite/compiled-builtins.js';
import { ROOT } from '../support/run-cli.js';

// A computed specifier: dist/ is plain JavaScript built by `npm test` before this project runs.
const compiled = (await import(join(ROOT, 'dist/suite/compiled-builtins.js'))) as typeof CompiledModule;
const suiteFiles = await fromSource.listBuiltinSuiteFiles();
const profileNames = await fromSource.listBuiltinProfiles();

/** Pointers to every value of a JSON value, plus a missing child and a '/0' under each (the walk's odd cases). */
function pointers(value: unknown, at = '', out: string[] = []): string[] {
  out.push(at, `${at}/0`, `${at}/no-such-key`, `${at}/0/no-such-key`);
  if (Array.isArray(value)) value.forEach((v, i) => pointers(v, `${at}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pointers(v, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  }
  return out;
}

/** Every `pointer` field the loader put into the model (steps, requests, expectations). */
function modelPointers(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => modelPointers(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'pointer' && typeof v === 'string') out.push(v, `${v}/capture`, `${v}/paging`, `${v}/id`);
      else modelPointers(v, out);
    }
  }
  return out;
}

describe('compiled built-in suites', () => {
  it('every built-in suite and profile was compiled', async () => {
    const table = await compiled.compiledBuiltins();
    expect(table).toBeDefined();
    expect(Object.keys(table?.suites ?? {}).sort()).toEqual(suiteFiles.map((f) => relative(ROOT, f)).sort());
    expect(Object.keys(table?.profiles ?? {}).sort()).toEqual(profileNames);
  });

  it.each(suiteFiles.map((f) => [relative(ROOT, f)]))('%s equals the YAML loader, field by field and position by position', async (display) => {
    const path = join(ROOT, display);
    const fromYaml = await fromSource.loadSuiteFile(path, { fixturesDir: join(ROOT, 'fixtures'), displayPath: display, env: process.env, extraVarRoots: [] });
    const fromBuild = await compiled.compiledSuite(display);
    expect(fromBuild).toBeDefined();
    if (fromBuild === undefined) return;
    expect({ ...fromBuild, locate: undefined }).toStrictEqual({ ...fromYaml, locate: undefined });
    const all = [...new Set([...pointers(parseYaml(readFileSync(path, 'utf8'), path).value), ...modelPointers(fromYaml)])];
    expect(all.length).toBeGreaterThan(100);
    expect(all.map((p) => [p, fromBuild.locate(p)])).toEqual(all.map((p) => [p, fromYaml.locate(p)]));
    // And both equal a walk of the YAML document itself.
    const map = parseYaml(readFileSync(path, 'utf8'), display).map;
    expect(all.map((p) => [p, fromBuild.locate(p)])).toEqual(all.map((p) => [p, map.locate(p)]));
  });

  it.each(profileNames.map((n) => [n]))('profile %s equals the YAML loader', async (name) => {
    const path = fromSource.builtinProfilePath(name);
    const display = relative(ROOT, path);
    const fromYaml = await fromSource.loadProfileFile(path, { displayPath: display });
    const fromBuild = await compiled.compiledProfile(name);
    expect(fromBuild).toBeDefined();
    if (fromBuild === undefined) return;
    expect({ ...fromBuild, locate: undefined }).toStrictEqual({ ...fromYaml, locate: undefined });
    const all = pointers(parseYaml(readFileSync(path, 'utf8'), path).value);
    expect(all.map((p) => [p, fromBuild.locate(p)])).toEqual(all.map((p) => [p, fromYaml.locate(p)]));
    const map = parseYaml(readFileSync(path, 'utf8'), display).map;
    expect(all.map((p) => [p, fromBuild.locate(p)])).toEqual(all.map((p) => [p, map.locate(p)]));
  });
});
