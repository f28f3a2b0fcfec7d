// Build step (run by `npm run build`): compiles the suite and profile schemas to standalone validator code, so a
// run validates its files without loading and compiling ajv (about 200 ms of every start).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type AjvModule from 'ajv';
import { AJV_OPTIONS } from './compile-schema.js';
import { profileSchema } from './profile-schema.js';
import { suiteSchema } from './suite-schema.js';

const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: typeof AjvModule.default }).default;
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: InstanceType<typeof AjvModule.default>, refs: Record<string, string>) => string }).default;

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
ajv.addSchema(suiteSchema, 'suite');
ajv.addSchema(profileSchema, 'profile');
const out = fileURLToPath(new URL('./validators.cjs', import.meta.url));
writeFileSync(out, standaloneCode(ajv, { suite: 'suite', profile: 'profile' }));
