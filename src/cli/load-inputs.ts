// Loads what run, list and demo share: the config file, the profile and the suites, all validated up front.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { findConfigFile, readConfigFile } from '../config/config-file.js';
import { keepYoungGenerationSmall, LONG_SUITE_BYTES } from './heap-growth.js';
import type { ConfigFile } from '../config/config-file.js';
import { ExitCode, ScimCheckError, ScimCheckErrors, UsageError } from '../errors.js';
import { builtinProfilePath, fixturesDir, listBuiltinSuiteFiles, packageRoot } from '../suite/builtin.js';
import { compiledProfile, compiledSuite } from '../suite/compiled-builtins.js';
import { applyProfileFixtures } from '../suite/profile-fixtures.js';
import { attributeSuite } from '../suite/attribute-suite.js';
import { suggest } from '../shared/suggest.js';
import { NAME_PATTERN } from '../suite/suite-schema.js';
import type { Level, Profile, Suite } from '../suite/types.js';
import { LEVELS } from '../suite/types.js';

export interface Inputs {
  config: ConfigFile | undefined;
  profile: Profile;
  suites: Suite[];
  gate: Level;
}

export interface InputOptions {
  config?: string | undefined;
  profile?: string | undefined;
  suites?: string[] | undefined;
  level?: string | undefined;
  /** `--var name=value` (repeatable): template variables that win over the suite's and the profile's. */
  var?: string[] | undefined;
}

const BUILTIN_PROFILES = ['okta', 'okta-aiw', 'postman'];

/** `--config FILE`, else scim-check.yaml or scim-check.yml in the working directory, else none. */
export async function loadConfig(options: InputOptions, cwd: string): Promise<ConfigFile | undefined> {
  if (options.config !== undefined) return readConfigFile(resolve(cwd, options.config), options.config);
  return findConfigFile(cwd);
}

/** A name that looks like a path is a file (a missing one is input.notFound, exit 3); other names are built-ins. */
function looksLikePath(name: string): boolean {
  return /[\\/]/.test(name) || /\.ya?ml$/i.test(name);
}

// The YAML path (parser, schema checks, semantic checks) loads only for a file that was not compiled at build time:
// `list` and a run of the built-in suites need none of it.
async function loadProfileFile(...args: Parameters<typeof import('../suite/profile.js').loadProfileFile>): Promise<Profile> {
  return (await import('../suite/profile.js')).loadProfileFile(...args);
}

async function loadSuiteFile(...args: Parameters<typeof import('../suite/load-suite.js').loadSuiteFile>): Promise<Suite> {
  return (await import('../suite/load-suite.js')).loadSuiteFile(...args);
}

async function loadProfile(name: string, cwd: string): Promise<Profile> {
  if (BUILTIN_PROFILES.includes(name)) return (await compiledProfile(name)) ?? loadProfileFile(builtinProfilePath(name), { displayPath: relative(packageRoot(), builtinProfilePath(name)) });
  if (!looksLikePath(name) && !existsSync(resolve(cwd, name))) {
    const close = suggest(name, BUILTIN_PROFILES);
    throw new UsageError(
      'usage.unknownProfile',
      'Unknown profile',
      `--profile ${name}: not a built-in profile (${BUILTIN_PROFILES.join(', ')}) nor a .yaml file${close === undefined ? '' : `; did you mean "${close}"?`}`,
    );
  }
  return loadProfileFile(resolve(cwd, name), { displayPath: name });
}

interface Variable {
  path: string[];
  value: string;
}

/** `name=value` or `name.key=value`; the value is a string, as typed. */
export function parseVars(texts: readonly string[]): Variable[] {
  return texts.map((text) => {
    const eq = text.indexOf('=');
    const name = eq > 0 ? text.slice(0, eq) : '';
    const path = name.split('.');
    if (name === '' || !path.every((p) => new RegExp(NAME_PATTERN).test(p) || /^\d+$/.test(p)) || !new RegExp(NAME_PATTERN).test(path[0] ?? '')) {
      throw new UsageError('usage.badVar', 'Invalid --var', `--var expects name=value (such as --var user.title=Engineer), got "${eq > 0 ? text.slice(0, eq) : text}"`);
    }
    return { path, value: text.slice(eq + 1) };
  });
}

/** Sets `path` in a copy of `root`'s value; false when an intermediate step is not a mapping or list. */
function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return false;
  if (rest.length === 0) {
    root[head] = value;
    return true;
  }
  const child = root[head];
  if (typeof child !== 'object' || child === null) return false;
  const copy = (Array.isArray(child) ? [...child] : { ...child }) as Record<string, unknown>;
  if (!setPath(copy, rest, value)) return false;
  root[head] = copy;
  return true;
}

/** A built-in suite's id, read from its `id:` line without loading it. */
async function builtinIds(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const file of await listBuiltinSuiteFiles()) {
    const id = /^id:\s*['"]?([a-z0-9._-]+)/m.exec(await readFile(file, 'utf8'))?.[1];
    if (id !== undefined) ids.set(id, file);
  }
  return ids;
}

/** Each name given to run/list: an existing file, else a built-in suite id, else a missing file. */
async function suiteFiles(named: readonly string[], cwd: string): Promise<Array<{ path: string; display: string }>> {
  let ids: Map<string, string> | undefined;
  const files: Array<{ path: string; display: string }> = [];
  for (const name of named) {
    const path = resolve(cwd, name);
    if (existsSync(path) || looksLikePath(name)) {
      files.push({ path, display: name });
      continue;
    }
    ids ??= await builtinIds();
    const builtin = ids.get(name);
    if (builtin !== undefined) {
      files.push({ path: builtin, display: relative(packageRoot(), builtin) });
      continue;
    }
    const close = suggest(name, [...ids.keys()]);
    throw new UsageError('usage.unknownSuite', 'Unknown suite', `"${name}" is neither a file nor a built-in suite id${close === undefined ? `; built-in suites: ${[...ids.keys()].join(', ')}` : `; did you mean "${close}"?`}`);
  }
  return files;
}

/** Loads and validates every input; all suite errors of all files are reported together, nothing is sent. */
export async function loadInputs(options: InputOptions, cwd: string, env: Record<string, string | undefined>): Promise<Inputs> {
  const config = await loadConfig(options, cwd);
  const profile = await loadProfile(options.profile ?? config?.profile ?? 'okta', cwd);
  const vars = parseVars(options.var ?? []);

  const levelText = options.level ?? config?.level ?? 'required';
  if (!(LEVELS as readonly string[]).includes(levelText)) {
    throw new UsageError('usage.badLevel', 'Invalid level', `level "${levelText}" in ${config?.file ?? 'the settings'}: expected one of ${LEVELS.join(', ')}`);
  }

  const named = options.suites !== undefined && options.suites.length > 0 ? options.suites : config?.suites;
  const files =
    named !== undefined && named.length > 0
      ? await suiteFiles(named, cwd)
      : (await listBuiltinSuiteFiles()).map((p) => ({ path: p, display: relative(packageRoot(), p) }));
  if (userSuiteBytes(files) > LONG_SUITE_BYTES) keepYoungGenerationSmall();
  // A new top-level --var is usable in templates like a profile variable.
  const extraVarRoots = [...new Set([...Object.keys(profile.vars), ...vars.filter((v) => v.path.length === 1).map((v) => v.path[0] ?? '')])];
  const suites: Suite[] = [];
  const errors: ScimCheckError[] = [];
  for (const file of files) {
    try {
      // Built-in suites come compiled (no YAML parse) when the build's copy is current.
      const compiled = file.path === resolve(packageRoot(), file.display) ? await compiledSuite(file.display) : undefined;
      suites.push(compiled ?? await loadSuiteFile(file.path, { fixturesDir: fixturesDir(), displayPath: file.display, env, extraVarRoots }));
    } catch (error) {
      if (error instanceof ScimCheckErrors) errors.push(...error.errors);
      else if (error instanceof ScimCheckError) errors.push(error);
      else throw error;
    }
  }
  const seen = new Map<string, string>();
  for (const suite of suites) {
    const other = seen.get(suite.id);
    if (other !== undefined) {
      errors.push(new ScimCheckError({ code: 'suite.duplicateId', exitCode: ExitCode.INVALID_INPUT, title: 'Duplicate suite id', detail: `suite id "${suite.id}" is used by both ${other} and ${suite.file}`, location: suite.locate('/id') }));
    }
    seen.set(suite.id, suite.file);
  }
  // A profile feature no suite knows is almost always a typo.
  const known = new Set(suites.map((s) => s.feature).filter((f): f is string => f !== undefined));
  if (named === undefined || named.length === 0) {
    for (const feature of Object.keys(profile.features)) {
      if (!known.has(feature)) {
        const close = suggest(feature, known);
        errors.push(new ScimCheckError({
          code: 'profile.unknownFeature',
          exitCode: ExitCode.INVALID_INPUT,
          title: 'Unknown feature',
          detail: `feature "${feature}" is not replayed by any suite${close === undefined ? `; known features: ${[...known].join(', ')}` : `; did you mean "${close}"?`}`,
          location: profile.locate(`/features/${feature}`),
        }));
      }
    }
  }
  // The profile's own request bodies, and the round trips of the attributes its Okta app maps.
  errors.push(...applyProfileFixtures(profile, suites));
  const attributes = named === undefined || named.length === 0 ? attributeSuite(profile) : undefined;
  if (attributes !== undefined) suites.push(attributes);
  if (named === undefined || named.length === 0) {
    // Built-in suites run in the order the profile lists its features, which follows Okta's own sequence.
    const order = Object.keys(profile.features);
    const rank = (s: Suite): number => (s.feature === undefined || !order.includes(s.feature) ? order.length : order.indexOf(s.feature));
    suites.sort((a, b) => rank(a) - rank(b));
  }
  if (errors.length > 0) {
    throw new ScimCheckErrors(errors, `${errors.length} problem${errors.length === 1 ? '' : 's'} found; nothing was sent`);
  }
  applyVars(vars, profile, suites);
  return { config, profile, suites, gate: levelText as Level };
}

/**
 * --var wins over both the suite's and the profile's value: it is written into the profile's variables (which the
 * runner lays over the suite's) and, for a dotted name, into every suite variable it reaches.
 */
function applyVars(vars: readonly Variable[], profile: Profile, suites: Suite[]): void {
  for (const { path, value } of vars) {
    const root = path[0] ?? '';
    if (path.length === 1) {
      profile.vars = { ...profile.vars, [root]: value };
      continue;
    }
    let reached = false;
    if (Object.hasOwn(profile.vars, root)) {
      const copy = { ...profile.vars };
      reached = setPath(copy, path, value) || reached;
      profile.vars = copy;
    }
    for (const suite of suites) {
      if (!Object.hasOwn(suite.vars, root)) continue;
      const copy = { ...suite.vars };
      if (setPath(copy, path, value)) {
        suite.vars = copy;
        reached = true;
      }
    }
    if (!reached) {
      throw new UsageError('usage.badVar', 'Invalid --var', `--var ${path.join('.')}: no selected suite or profile has a variable "${root}" with a mapping to set "${path.slice(1).join('.')}" in`);
    }
  }
}

/** Bytes of the suite files that are not built in (those come compiled): what the run will parse. */
function userSuiteBytes(files: ReadonlyArray<{ path: string; display: string }>): number {
  let bytes = 0;
  for (const file of files) {
    if (file.path === resolve(packageRoot(), file.display)) continue;
    try {
      bytes += statSync(file.path).size;
    } catch {
      // Unreadable: the loader says why.
    }
  }
  return bytes;
}
