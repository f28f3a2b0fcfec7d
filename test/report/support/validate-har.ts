// Validates a HAR document against the HAR 1.2 JSON Schemas of the `har-schema` package (draft-06) with ajv.
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';

const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: typeof AjvModule.default }).default;
const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;
const harSchemas = require('har-schema') as Record<string, Record<string, unknown>>;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>;

// The package uses two keywords of its own ("optional", "min"), so strict mode is off; everything else is checked.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addMetaSchema(draft06);
for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
const validate = ajv.getSchema('har.json#');
if (validate === undefined) throw new Error('har-schema has no har.json');

/** The schema errors of a HAR document ([] when valid), as "pointer message". */
export function harSchemaErrors(har: unknown): string[] {
  if (validate === undefined || validate(har)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
