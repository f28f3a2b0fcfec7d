// Compiles the suite and profile schemas with ajv, lazily: `--help` and commands that load no file never pay for ajv.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type AjvModule from 'ajv';

type AjvClass = typeof AjvModule.default;

let ajv: InstanceType<AjvClass> | undefined;
const compiled = new Map<object, ValidateFunction>();
const require = createRequire(import.meta.url);

// strictTypes off: the schema applies object-only keywords to object-or-list values on purpose.
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true } as const;

let precompiled: Record<string, ValidateFunction> | null | undefined;

/** The validators `npm run build` generated (dist/suite/validators.cjs); null when running from source. */
function loadPrecompiled(): Record<string, ValidateFunction> | null {
  if (precompiled === undefined) {
    try {
      precompiled = require('./validators.cjs') as Record<string, ValidateFunction>;
    } catch {
      precompiled = null;
    }
  }
  return precompiled;
}

/**
 * Validates `value` against `schema`, returning ajv's raw errors (empty when valid). `name` selects the validator
 * generated at build time; without it (or from source, under vitest) the schema is compiled once with ajv.
 */
export function schemaErrors(schema: object, value: unknown, name?: 'suite' | 'profile'): ErrorObject[] {
  let validate = compiled.get(schema);
  if (validate === undefined && name !== undefined) validate = loadPrecompiled()?.[name];
  if (validate === undefined) {
    if (ajv === undefined) {
      // Synchronous on purpose: loadSuiteText is synchronous, and require() of ajv (CommonJS) is lazy here.
      const Ajv = (require('ajv') as { default: AjvClass }).default;
      ajv = new Ajv(AJV_OPTIONS);
    }
    validate = ajv.compile(schema);
  }
  compiled.set(schema, validate);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
