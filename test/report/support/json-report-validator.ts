// Validates a `--reporter json` document against the JSON Schema shipped in src/report/json-report.schema.json.
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';
import { JSON_REPORT_SCHEMA } from '../../../src/report/json-report-schema.js';

const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: typeof AjvModule.default }).default;
const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON_REPORT_SCHEMA);

/** The schema errors of a JSON report ([] when valid), as "pointer message". */
export function jsonReportErrors(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
