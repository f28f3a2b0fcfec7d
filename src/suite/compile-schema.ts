// Compiles the suite and profile schemas with ajv, lazily: `--help` and commands that load no file never pay for ajv.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type AjvModule from 'ajv';

type AjvClass = typeof AjvModule.default;

let ajv: InstanceType<AjvClass> | undefined;
const compiled = new Map<object, ValidateFunction>();

/** Validates `value` against `schema` (compiled once), returning ajv's raw errors (empty when valid). */
export function schemaErrors(schema: object, value: unknown): ErrorObject[] {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    if (ajv === undefined) {
      // strictTypes off: the schema applies object-only keywords to object-or-list values on purpose.
      // Synchronous on purpose: loadSuiteText is synchronous, and require() of ajv (CommonJS) is lazy here.
      const require = createRequire(import.meta.url);
      const Ajv = (require('ajv') as { default: AjvClass }).default;
      ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true });
    }
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
