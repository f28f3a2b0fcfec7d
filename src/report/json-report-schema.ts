// The JSON Schema of the `--reporter json` document (version 1). Importing it here is also what makes tsc copy the
// .json into dist/report/, so the schema ships in the package beside the code that writes the document.
import schema from './json-report.schema.json' with { type: 'json' };

/** JSON Schema (draft-07) of the document toJsonReport builds; published as dist/report/json-report.schema.json. */
export const JSON_REPORT_SCHEMA: Readonly<Record<string, unknown>> = schema;
