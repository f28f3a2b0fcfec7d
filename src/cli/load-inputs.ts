// Loads what run, list and demo share: the config file, the profile and the suites, all validated up front.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { readConfigFile } from '../config/config-file.js';
import type { ConfigFile } from '../config/config-file.js';
import { ExitCode, ScimCheckError, ScimCheckErrors, UsageError } from '../errors.js';
import {
  builtinProfilePath,
  fixturesDir,
  listBuiltinSuiteFiles,
  loadProfileFile,
  loadSuiteFile,
  packageRoot,
} from '../suite/index.js';
import { suggest } from '../shared/suggest.js';
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
}

const BUILTIN_PROFILES = ['okta', 'okta-aiw', 'postman'];

export async function loadConfig(options: InputOptions, cwd: string): Promise<ConfigFile | undefined> {
  if (options.config !== undefined) return readConfigFile(resolve(cwd, options.config), false);
  return readConfigFile(resolve(cwd, 'scim-check.yaml'), true);
}

async function loadProfile(name: string, cwd: string): Promise<Profile> {
  if (BUILTIN_PROFILES.includes(name)) return loadProfileFile(builtinProfilePath(name), { displayPath: relative(packageRoot(), builtinProfilePath(name)) });
  const path = resolve(cwd, name);
  if (!/\.ya?ml$/i.test(name) || !existsSync(path)) {
    const close = suggest(name, BUILTIN_PROFILES);
    throw new UsageError(
      'usage.unknownProfile',
      'Unknown profile',
      `--profile ${name}: not a built-in profile (${BUILTIN_PROFILES.join(', ')}) nor an existing .yaml file${close === undefined ? '' : `; did you mean "${close}"?`}`,
    );
  }
  return loadProfileFile(path, { displayPath: name });
}

/** Loads and validates every input; all suite errors of all files are reported together, nothing is sent. */
export async function loadInputs(options: InputOptions, cwd: string, env: Record<string, string | undefined>): Promise<Inputs> {
  const config = await loadConfig(options, cwd);
  const profile = await loadProfile(options.profile ?? config?.profile ?? 'okta', cwd);

  const levelText = options.level ?? config?.level ?? 'required';
  if (!(LEVELS as readonly string[]).includes(levelText)) {
    throw new UsageError('usage.badLevel', 'Invalid level', `level "${levelText}" in ${config?.file ?? 'the settings'}: expected one of ${LEVELS.join(', ')}`);
  }

  const named = options.suites !== undefined && options.suites.length > 0 ? options.suites : config?.suites;
  const files =
    named !== undefined && named.length > 0
      ? named.map((f) => ({ path: resolve(cwd, f), display: f }))
      : (await listBuiltinSuiteFiles()).map((p) => ({ path: p, display: relative(packageRoot(), p) }));
  const extraVarRoots = Object.keys(profile.vars);
  const suites: Suite[] = [];
  const errors: ScimCheckError[] = [];
  for (const file of files) {
    if (!existsSync(file.path)) {
      errors.push(new ScimCheckError({ code: 'input.notFound', exitCode: ExitCode.INVALID_INPUT, title: 'Suite file not found', detail: `${file.display}: no such file` }));
      continue;
    }
    try {
      suites.push(await loadSuiteFile(file.path, { fixturesDir: fixturesDir(), displayPath: file.display, env, extraVarRoots }));
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
  if (named === undefined || named.length === 0) {
    // Built-in suites run in the order the profile lists its features, which follows Okta's own sequence.
    const order = Object.keys(profile.features);
    const rank = (s: Suite): number => (s.feature === undefined || !order.includes(s.feature) ? order.length : order.indexOf(s.feature));
    suites.sort((a, b) => rank(a) - rank(b));
  }
  if (errors.length > 0) {
    throw new ScimCheckErrors(errors, `${errors.length} problem${errors.length === 1 ? '' : 's'} found; nothing was sent`);
  }
  return { config, profile, suites, gate: levelText as Level };
}
