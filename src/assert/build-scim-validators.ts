// Build step (run by `npm run build`): compiles the SCIM response schemas to standalone validator code, so a run
// that checks `schema:` loads no ajv compiler and compiles nothing (tens of ms of every built-in run).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type AjvModule from 'ajv';
import { SCHEMA_NAMES } from '../shared/scim-schema-names.js';
import { SCIM_AJV_OPTIONS, SCIM_FORMATS } from './schema.js';
import { SCIM_SCHEMA_DOCUMENTS, SHARED_SCHEMAS } from './scim-schema-documents.js';
import { withQuickUri } from './quick-uri.js';

type Ajv = InstanceType<typeof AjvModule.default>;
const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: typeof AjvModule.default }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => Ajv }).default;
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;

const ajv = new Ajv({ ...SCIM_AJV_OPTIONS, code: { source: true } });
addFormats(ajv, [...SCIM_FORMATS]);
for (const doc of SHARED_SCHEMAS) ajv.addSchema(doc);
for (const name of SCHEMA_NAMES) ajv.addSchema(SCIM_SCHEMA_DOCUMENTS[name]);
const refs = Object.fromEntries(SCHEMA_NAMES.map((name) => [name, SCIM_SCHEMA_DOCUMENTS[name].$id]));
const FULL_URI = 'require("ajv-formats/dist/formats").fullFormats.uri';
const code = standaloneCode(ajv, refs);
if (!code.includes(FULL_URI)) throw new Error(`build-scim-validators: the generated code no longer names ${FULL_URI}`);
// The uri format goes through the quick path first (quick-uri.ts); its answers are the full check's.
writeFileSync(fileURLToPath(new URL('./scim-validators.cjs', import.meta.url)), code.replaceAll(FULL_URI, () => `(${withQuickUri.toString()})(${FULL_URI})`));
