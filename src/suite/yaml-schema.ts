// The YAML 1.2 core schema for js-yaml, exactly as the spec (§10.3) resolves plain scalars: js-yaml's own "core"
// schema is its looser JSON schema (binary ints, underscores in numbers), under which `userName: 1_000` would be a
// number here and a string in every other YAML 1.2 tool.
import type * as JsYaml from 'js-yaml';

const INT = /^[-+]?[0-9]+$/;
const INT_OCTAL = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

function isNumber(data: unknown): boolean {
  return typeof data === 'number';
}

/** js-yaml's null and bool already match the core schema; ints and floats are replaced by the spec's patterns. */
export function coreSchema(yaml: typeof JsYaml): JsYaml.Schema {
  const int = new yaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data: string | null) => data !== null && (INT.test(data) || INT_OCTAL.test(data) || INT_HEX.test(data)),
    construct: (data: string) => {
      if (INT_OCTAL.test(data)) return parseInt(data.slice(2), 8);
      if (INT_HEX.test(data)) return parseInt(data.slice(2), 16);
      return Number(data);
    },
    predicate: (data: object) => isNumber(data) && Number.isInteger(data),
    represent: (data: object) => String(data),
  });
  const float = new yaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (data: string | null) => data !== null && (FLOAT.test(data) || FLOAT_SPECIAL.test(data)),
    construct: (data: string) => {
      if (!FLOAT_SPECIAL.test(data)) return Number(data);
      if (/nan/i.test(data)) return Number.NaN;
      return data.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    },
    predicate: (data: object) => isNumber(data),
    represent: (data: object) => String(data),
  });
  const { types } = yaml as unknown as { types: Record<'null' | 'bool' | 'merge', JsYaml.Type> };
  // merge: `<<: *anchor` lets a suite share a block of expectations or headers between steps.
  return yaml.FAILSAFE_SCHEMA.extend({ implicit: [types.null, types.bool, int, float, types.merge] });
}
