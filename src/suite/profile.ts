// Loads a profile (which Okta features an app has, and how Okta talks to it) with the suite loader's
// error style: every problem of the file at once, each at file:line:col.
import { schemaErrors } from './compile-schema.js';
import { fail, readInput } from './load-suite.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken } from '../shared/json-pointer.js';
import { profileSchema } from './profile-schema.js';
import { translateSchemaErrors } from './schema-errors.js';
import { locator } from './position-tree.js';
import { parseYaml } from './source-map.js';
import { SuiteError } from './suite-error.js';
import { didYouMean } from '../shared/suggest.js';
import { TEMPLATE_FILTERS, templateRefs } from './templates.js';
import type { Capability, FeatureSupport, OktaVariant, Profile } from './types.js';

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
}

/** Reads and loads a profile file; a missing file is an `input.notFound` error. */
export async function loadProfileFile(path: string, options: ProfileLoadOptions = {}): Promise<Profile> {
  const shown = options.displayPath ?? path;
  return loadProfileText(await readInput(path, shown), path, { ...options, displayPath: shown });
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
      const where = map.locateText(ref.pointer, ref.raw);
      if (ref.error !== undefined) errors.push(new SuiteError('profile.badTemplate', `${ref.raw}: ${ref.error}`, where));
      for (const f of ref.filters) {
        if (!(TEMPLATE_FILTERS as readonly string[]).includes(f)) {
          errors.push(new SuiteError('profile.unknownFilter', `unknown filter "${f}" in ${ref.raw}${didYouMean(f, TEMPLATE_FILTERS)}`, where));
        }
      }
    }
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
  if (raw.description !== undefined) profile.description = raw.description;
  if (raw.baseUrl !== undefined) profile.baseUrl = raw.baseUrl;
  return profile;
}
