// Validates response bodies against the SCIM JSON Schemas (scim-schemas/*.json) with validators ajv generated at
// build time; from source (no build) ajv compiles them. Either is loaded only inside prepareSchemas(), so commands
// that send nothing never load them.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction, default as AjvModule } from 'ajv';
import { InternalError } from '../errors.js';
import { SCHEMA_NAMES, type SchemaName } from '../shared/scim-schema-names.js';
import { formatTyped, formatValue } from '../shared/format-value.js';
import { joinPointer } from '../shared/json-pointer.js';

type Ajv = AjvModule.default;

/** A schema name a suite may use in `expect.schema` (src/suite/schema-names.ts). */
export type ScimSchemaName = SchemaName;

/** One reason a value does not fit a schema: where, and a sentence naming the actual value. */
export interface SchemaIssue {
  /** JSON pointer into the validated value ('/totalResults'). */
  pointer: string;
  /** e.g. `/totalResults must be integer, got string "1"`. */
  message: string;
  /** The value at `pointer` (undefined when absent); redacted for password fields. */
  actual?: unknown;
}

/** The options and formats both the run-time ajv and the build step (build-scim-validators.ts) use. */
export const SCIM_AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false } as const;
export const SCIM_FORMATS = ['date-time', 'uri'] as const;

interface Prepared {
  ids: Readonly<Record<ScimSchemaName, string>>;
  validator(name: ScimSchemaName): ValidateFunction | undefined;
}

let prepared: Prepared | undefined;
let preparing: Promise<void> | undefined;

/** The validators `npm run build` generated (dist/assert/scim-validators.cjs); null when running from source. */
function loadPrecompiled(): Record<string, ValidateFunction> | null {
  try {
    return createRequire(import.meta.url)('./scim-validators.cjs') as Record<string, ValidateFunction>;
  } catch {
    return null;
  }
}

/** Loads the SCIM validators once per process (built ones, else ajv); the runner awaits it before the first check. */
export function prepareSchemas(): Promise<void> {
  preparing ??= (async () => {
    const built = loadPrecompiled();
    if (built !== null) {
      const ids = Object.fromEntries(SCHEMA_NAMES.map((n) => [n, n])) as Record<ScimSchemaName, string>;
      prepared = { ids, validator: (name) => built[name] };
      return;
    }
    const [ajvModule, formatsModule, documents] = await Promise.all([
      import('ajv'),
      import('ajv-formats'),
      import('./scim-schema-documents.js'),
    ]);
    // ajv and ajv-formats are CommonJS: under nodenext the class sits on the module's `default.default`.
    const AjvClass = ajvModule.default.default;
    const addFormats = formatsModule.default.default;
    const ajv: Ajv = new AjvClass(SCIM_AJV_OPTIONS);
    addFormats(ajv, [...SCIM_FORMATS]);
    for (const doc of documents.SHARED_SCHEMAS) ajv.addSchema(doc);
    const ids = {} as Record<ScimSchemaName, string>;
    for (const name of SCHEMA_NAMES) {
      const doc: { $id: string } = documents.SCIM_SCHEMA_DOCUMENTS[name];
      ajv.addSchema(doc);
      ids[name] = doc.$id;
    }
    // getSchema compiles on first use and caches, so each schema is compiled once per process.
    prepared = { ids, validator: (name) => ajv.getSchema(ids[name]) };
  })();
  return preparing;
}

/** Every way `value` does not fit the named SCIM schema; empty when it fits. Sync: call prepareSchemas() first. */
export function validateScim(name: ScimSchemaName, value: unknown): SchemaIssue[] {
  if (prepared === undefined) {
    throw new InternalError(`the SCIM schema "${name}" was used before prepareSchemas() was awaited`);
  }
  if (!Object.hasOwn(prepared.ids, name)) throw new InternalError(`"${String(name)}" is not a SCIM schema name`);
  const validate = prepared.validator(name);
  if (validate === undefined) throw new InternalError(`the SCIM schema "${name}" did not compile`);
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? []);
}

/** Turns ajv's errors into one issue per real problem: umbrella errors of anyOf/oneOf/if/contains are folded away. */
export function describeErrors(errors: readonly ErrorObject[]): SchemaIssue[] {
  // `if` only says "must match then", and a `contains` error already sums up its per-item failures.
  const kept = foldAlternatives(errors).filter((e) => e.keyword !== 'if' && !e.schemaPath.includes('/contains/'));
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of kept) {
    const issue = describeError(error);
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * For anyOf/oneOf, ajv reports every failing branch plus "must match a schema in anyOf". Keep only the branch
 * with the fewest errors (the closest fit), or the umbrella error alone when no branch error is nested under it.
 */
function foldAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  let result = [...errors];
  for (const umbrella of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${umbrella.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of result) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size === 0) continue;
    const best = [...branches.values()].reduce((a, b) => (b.length < a.length ? b : a));
    const drop = new Set<ErrorObject>([umbrella, ...[...branches.values()].flat().filter((e) => !best.includes(e))]);
    result = result.filter((e) => !drop.has(e));
  }
  return result;
}

const SECRET_POINTER = /(^|\/)password$/i;

function describeError(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  let data: unknown = error.data;
  let present = true;
  let must = error.message ?? 'is invalid';

  switch (error.keyword) {
    case 'required': {
      pointer = joinPointer(pointer, String(params['missingProperty']));
      data = undefined;
      present = false;
      must = 'is required';
      break;
    }
    case 'type':
      must = `must be ${String(params['type']).split(',').join(' or ')}`;
      break;
    case 'contains': {
      const contains = (error.parentSchema as { contains?: { const?: unknown } } | undefined)?.contains;
      if (contains !== undefined && 'const' in contains) must = `must contain ${formatValue(contains.const)}`;
      break;
    }
    case 'enum':
      must = `must be one of ${(Array.isArray(params['allowedValues']) ? params['allowedValues'] : []).map(formatValue).join(', ')}`;
      break;
    case 'const':
      must = `must be ${formatValue(params['allowedValue'])}`;
      break;
    case 'format':
      must = `must be a valid ${String(params['format'])}`;
      break;
    default:
      break;
  }

  const secret = SECRET_POINTER.test(pointer);
  const got = !present ? 'nothing (key absent)' : secret ? 'a value (redacted)' : formatTyped(data);
  const label = pointer === '' ? 'body' : pointer;
  const issue: SchemaIssue = { pointer, message: `${label} ${must}, got ${got}` };
  if (present) issue.actual = secret ? '[redacted]' : data;
  return issue;
}
