// Loads a profile (which Okta features an app has, and how Okta talks to it) with the suite loader's
// error style: every problem of the file at once, each at file:line:col.
import { schemaErrors } from './compile-schema.js';
import { fail, readInput } from './load-suite.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken } from '../shared/json-pointer.js';
import { profileSchema } from './profile-schema.js';
import { translateSchemaErrors } from './schema-errors.js';
import { locator } from './position-tree.js';
import { parseYaml, preloadYaml } from './source-map.js';
import { SuiteError } from './suite-error.js';
import { didYouMean } from '../shared/suggest.js';
import { TEMPLATE_FILTERS, templateRefs } from './templates.js';
import type { Capability, FeatureSupport, OktaVariant, Profile, ProfileFixture } from './types.js';
import { ATTRIBUTE_NAMES, attributeNameProblem, resolveAttribute } from './attribute-catalog.js';
import { fixturesDir } from './builtin.js';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { readInputFileSync } from '../shared/read-input.js';
import { ScimCheckError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import type { SourceMap } from './source-map.js';

export { builtinProfilePath } from './builtin.js';

export interface ProfileLoadOptions {
  displayPath?: string | undefined;
  /** Feature keys the loaded suites use; when given, other keys in `features`/`notes` are errors. */
  knownFeatures?: readonly string[] | undefined;
}

interface RawProfile {
  id: string;
  title: string;
  variant?: OktaVariant;
  description?: string;
  baseUrl?: string;
  features: Record<string, FeatureSupport>;
  vars?: Record<string, unknown>;
  notes?: Record<string, string>;
  needs?: Capability[];
  limits?: Record<string, string>;
  fixtures?: Record<string, string>;
  attributes?: string[];
}

/** Reads and loads a profile file; a missing file is an `input.notFound` error. */
export async function loadProfileFile(path: string, options: ProfileLoadOptions = {}): Promise<Profile> {
  const shown = options.displayPath ?? path;
  const [text] = await Promise.all([readInput(path, shown), preloadYaml()]);
  return loadProfileText(text, path, { ...options, displayPath: shown });
}

/** Parses, validates and normalises one profile; throws ScimCheckErrors holding every SuiteError found. */
export function loadProfileText(text: string, file: string, options: ProfileLoadOptions = {}): Profile {
  const shown = options.displayPath ?? file;
  const parsed = parseYaml(text, shown, 'profile');
  if (parsed.errors.length > 0) throw fail(parsed.errors, shown);
  const { map, value } = parsed;
  const errors = translateSchemaErrors(schemaErrors(profileSchema, value, 'profile'), map, 'profile');
  if (isPlainObject(value)) {
    const known = options.knownFeatures;
    for (const section of ['features', 'notes'] as const) {
      const entries = value[section];
      if (known === undefined || !isPlainObject(entries)) continue;
      for (const key of Object.keys(entries)) {
        if (known.includes(key)) continue;
        const hint = didYouMean(key, known);
        errors.push(
          new SuiteError('profile.unknownFeature', `no suite has feature "${key}"${hint === '' ? `; features are ${known.join(', ')}` : hint}`, map.locateKey(`/${section}/${escapePointerToken(key)}`)),
        );
      }
    }
    // Profile vars are expanded with the suite's scope, unknown here; only their syntax is checked.
    for (const ref of templateRefs(value['vars'], '/vars')) {
      // Placing text inside a scalar parses the file again: only done for a reference that is at fault.
      const where = (): SourceLocation => map.locateText(ref.pointer, ref.raw);
      if (ref.error !== undefined) errors.push(new SuiteError('profile.badTemplate', `${ref.raw}: ${ref.error}`, where()));
      for (const f of ref.filters) {
        if (!(TEMPLATE_FILTERS as readonly string[]).includes(f)) {
          errors.push(new SuiteError('profile.unknownFilter', `unknown filter "${f}" in ${ref.raw}${didYouMean(f, TEMPLATE_FILTERS)}`, where()));
        }
      }
    }
  }
  const fixtures = isPlainObject(value) ? readProfileFixtures(value['fixtures'], dirname(resolve(file)), map, errors) : undefined;
  if (isPlainObject(value) && Array.isArray(value['attributes'])) {
    value['attributes'].forEach((name, i) => {
      if (typeof name !== 'string' || resolveAttribute(name) !== undefined) return;
      const known = ATTRIBUTE_NAMES;
      const problem = attributeNameProblem(name) ?? `no attribute "${name}" in scim-check's attribute catalog${didYouMean(name, known) || `; known attributes are ${known.join(', ')}, or a custom extension's schema URN, a colon and the attribute name`}`;
      errors.push(new SuiteError('profile.unknownAttribute', problem, map.locate(`/attributes/${i}`)));
    });
  }
  if (errors.length > 0) throw fail(errors, shown);
  const raw = value as RawProfile;
  const profile: Profile = {
    id: raw.id,
    title: raw.title,
    // Most apps Okta provisions are OIN catalog apps; okta-protocol.md §0 lists where AIW differs.
    variant: raw.variant ?? 'oin',
    features: raw.features,
    vars: raw.vars ?? {},
    notes: raw.notes ?? {},
    needs: raw.needs ?? [],
    limits: raw.limits ?? {},
    file: shown,
    locate: locator(map.positions(), shown),
  };
  if (fixtures !== undefined) profile.fixtures = fixtures;
  if (raw.attributes !== undefined) profile.attributes = raw.attributes;
  if (raw.description !== undefined) profile.description = raw.description;
  if (raw.baseUrl !== undefined) profile.baseUrl = raw.baseUrl;
  return profile;
}

/** A fixture name under the profile's folder or the built-in fixtures folder, never climbing out of either. */
function findFixture(name: string, dirs: readonly string[]): string | undefined {
  if (isAbsolute(name)) return undefined;
  for (const dir of dirs) {
    const full = resolve(dir, name);
    const rel = relative(dir, full);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    if (existsSync(full)) return full;
  }
  return undefined;
}

/**
 * `fixtures:` — each key must be a fixture suites can name and each value a JSON object file: both are looked up
 * beside the profile first, then in the built-in fixtures, and read now so a run never meets a missing file.
 */
function readProfileFixtures(raw: unknown, profileDir: string, map: SourceMap, errors: SuiteError[]): Record<string, ProfileFixture> | undefined {
  if (!isPlainObject(raw)) return undefined;
  const dirs = [profileDir, fixturesDir()];
  const out: Record<string, ProfileFixture> = {};
  for (const [name, file] of Object.entries(raw)) {
    const at = `/fixtures/${escapePointerToken(name)}`;
    if (findFixture(name, dirs) === undefined) {
      errors.push(new SuiteError('profile.unknownFixture', `no fixture "${name}" beside the profile or among the built-in fixtures (such as okta/create-user.json); a key names the fixture a suite sends, the value what this app sends instead`, map.locateKey(at)));
      continue;
    }
    if (typeof file !== 'string') continue;
    const path = findFixture(file, dirs);
    if (path === undefined) {
      errors.push(new SuiteError('profile.unknownFixture', `no fixture "${file}" beside the profile or among the built-in fixtures`, map.locate(at)));
      continue;
    }
    let content: unknown;
    try {
      content = JSON.parse(readInputFileSync(path, file, { what: 'fixture' }));
    } catch (error) {
      const detail = error instanceof ScimCheckError ? error.detail : `fixture "${file}" is not valid JSON: ${(error as Error).message}`;
      errors.push(new SuiteError('profile.fixtureInvalid', detail, map.locate(at)));
      continue;
    }
    if (!isPlainObject(content)) {
      errors.push(new SuiteError('profile.fixtureInvalid', `fixture "${file}" is not a JSON object; a request body replacing another must be one`, map.locate(at)));
      continue;
    }
    out[name] = { file, content };
  }
  return out;
}
