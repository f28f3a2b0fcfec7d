// The package's own suites and profiles: found from the module URL, and every one of them loads.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtinProfilesDir,
  builtinSuitesDir,
  fixturesDir,
  listBuiltinProfiles,
  listBuiltinSuiteFiles,
  loadProfileFile,
  loadSuiteFile,
  packageRoot,
} from '../../src/suite/index.js';

describe('built-in paths', () => {
  it('finds the package root from the module URL', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
    expect(builtinSuitesDir()).toBe(join(packageRoot(), 'suites', 'okta'));
    expect(builtinProfilesDir()).toBe(join(packageRoot(), 'suites', 'profiles'));
    expect(fixturesDir()).toBe(join(packageRoot(), 'fixtures'));
  });

  it('lists suite files sorted, as absolute .yaml paths', async () => {
    const files = await listBuiltinSuiteFiles();
    expect(files).toEqual([...files].sort());
    for (const f of files) expect(f.startsWith(builtinSuitesDir())).toBe(true);
  });
});

describe('every built-in suite and profile loads', async () => {
  const profiles = await Promise.all((await listBuiltinProfiles()).map((name) => loadProfileFile(join(builtinProfilesDir(), `${name}.yaml`))));
  const extraVarRoots = [...new Set(profiles.flatMap((p) => Object.keys(p.vars)))];
  const suites = await listBuiltinSuiteFiles();
  it.each(suites.map((f) => [basename(f), f]))('%s', async (_, file) => {
    const suite = await loadSuiteFile(file, { fixturesDir: fixturesDir(), extraVarRoots });
    expect(suite.steps.length).toBeGreaterThan(0);
  });
  it('loaded the profiles', () => {
    for (const p of profiles) expect(p.id).toMatch(/^[a-z0-9]/);
  });
});
