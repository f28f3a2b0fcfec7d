// Turns ajv's errors on a suite or profile into one human sentence each, at the right file:line:col.
// Users never see ajv's own wording ("must NOT have additional properties").
import type { ErrorObject } from 'ajv';
import { describeType } from './matchers.js';
import type { SourceMap } from './source-map.js';
import { SuiteError } from './suite-error.js';
import { escapePointerToken, parsePointer } from '../shared/json-pointer.js';
import { didYouMean } from '../shared/suggest.js';
import { isPlainObject as isRecord } from '../shared/is-plain-object.js';

const NOUNS: Record<string, [string, string]> = {
  integer: ['an integer', 'integers'],
  number: ['a number', 'numbers'],
  string: ['a string', 'strings'],
  boolean: ['true or false', 'booleans'],
  object: ['a mapping', 'mappings'],
  array: ['a list', 'lists'],
  null: ['null', 'nulls'],
};

/** Pattern keywords explained in words, by the field they constrain. */
const PATTERNS: Record<string, (value: string) => string> = {
  'suite.id': (v) => `suite id "${v}" must use lower-case letters, digits, ".", "-" and "_" only`,
  'profile.id': (v) => `profile id "${v}" must use lower-case letters, digits, ".", "-" and "_" only`,
  'step.id': (v) => `step id "${v}" must use letters, digits, "-" and "_" only (no dots: --only splits suite.step on them)`,
  path: (v) => `path "${v}" must start with "/" (it is appended to the base URL)`,
  feature: (v) => `feature "${v}" must be a name of letters, digits and "_" (such as createUsers)`,
  capture: (v) => `capture source "${v}" must be body.<path>, header.<name> or status`,
  baseUrl: (v) => `baseUrl "${v}" must start with http:// or https://`,
};

const NAME_KINDS: Record<string, string> = { capture: 'capture name', vars: 'variable name', features: 'feature name' };

function segments(pointer: string): string[] {
  return parsePointer(pointer) ?? [];
}

/** The human name of the mapping at `pointer`: "expect", "step", "cleanup", or the document kind at the root. */
function containerName(pointer: string, docKind: string): string {
  const named = segments(pointer).filter((s) => !/^\d+$/.test(s));
  const last = named[named.length - 1];
  if (last === undefined) return docKind;
  return last === 'steps' ? 'step' : last;
}

/** The field an error is about: "status", "level", or "an item of tags". */
function fieldName(pointer: string, docKind: string): string {
  const segs = segments(pointer);
  const last = segs[segs.length - 1];
  if (last === undefined) return `the ${docKind}`;
  if (/^\d+$/.test(last)) {
    const parent = containerName(segs.slice(0, -1).map((s) => `/${s}`).join(''), docKind);
    return parent === 'step' ? 'each step' : `each item of ${parent}`;
  }
  return last;
}

function typePhrase(types: string[], parentSchema: unknown): string {
  const items = isRecord(parentSchema) ? parentSchema['items'] : undefined;
  return types
    .map((t) => {
      if (t === 'array' && isRecord(items)) {
        const itemType = items['type'];
        const plural = typeof itemType === 'string' ? NOUNS[itemType]?.[1] : '$ref' in items ? 'mappings' : undefined;
        if (plural !== undefined) return `a list of ${plural}`;
      }
      return NOUNS[t]?.[0] ?? t;
    })
    .join(' or ');
}

/** One SuiteError per ajv error worth showing (a propertyNames wrapper and its inner error become one). */
export function translateSchemaErrors(errors: readonly ErrorObject[], map: SourceMap, docKind: 'suite' | 'profile'): SuiteError[] {
  const out: SuiteError[] = [];
  const code = (kind: string): string => `${docKind}.${kind}`;
  for (const e of errors) {
    const at = e.instancePath;
    const field = fieldName(at, docKind);
    const data: unknown = e.data;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params['additionalProperty']);
        const props = isRecord(e.parentSchema) && isRecord(e.parentSchema['properties']) ? Object.keys(e.parentSchema['properties']) : [];
        const hint = didYouMean(key, props);
        const where = containerName(at, docKind);
        const detail = hint === '' ? `unknown key "${key}" in ${where}; expected one of ${props.join(', ')}` : `unknown key "${key}" in ${where}${hint}`;
        out.push(new SuiteError(code('unknownKey'), detail, map.locateKey(`${at}/${escapePointerToken(key)}`)));
        break;
      }
      case 'required': {
        const key = String(e.params['missingProperty']);
        out.push(new SuiteError(code('missingKey'), `missing key "${key}" in ${containerName(at, docKind)}`, map.locate(at)));
        break;
      }
      case 'type': {
        const types = ([] as unknown[]).concat(e.params['type']).map(String);
        out.push(new SuiteError(code('type'), `${field} must be ${typePhrase(types, e.parentSchema)}, got ${describeType(data)}`, map.locate(at)));
        break;
      }
      case 'enum': {
        const allowed = (Array.isArray(e.params['allowedValues']) ? e.params['allowedValues'] : []).map(String);
        if (field === 'schema') {
          const shown = typeof data === 'string' ? `"${data}"` : describeType(data);
          const hint = typeof data === 'string' ? didYouMean(data, allowed) : '';
          const detail = hint === '' ? `unknown schema ${shown}; expected one of ${allowed.join(', ')}` : `unknown schema ${shown}${hint}`;
          out.push(new SuiteError(code('unknownSchema'), detail, map.locate(at)));
        } else {
          const hint = typeof data === 'string' ? didYouMean(data, allowed) : '';
          const shown = typeof data === 'string' ? `"${data}"` : describeType(data);
          out.push(new SuiteError(code('badValue'), `${field} ${shown} is not one of ${allowed.join(', ')}${hint}`, map.locate(at)));
        }
        break;
      }
      case 'pattern': {
        const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
        if (propertyName !== undefined) {
          const kind = NAME_KINDS[containerName(at, docKind)] ?? 'name';
          out.push(new SuiteError(code('badValue'), `${kind} "${propertyName}" must use letters, digits and "_" and not start with a digit`, map.locateKey(`${at}/${escapePointerToken(propertyName)}`)));
          break;
        }
        const parent = containerName(segments(at).slice(0, -1).map((s) => `/${escapePointerToken(s)}`).join(''), docKind);
        const explain = PATTERNS[`${parent}.${field}`] ?? (parent === 'capture' ? PATTERNS['capture'] : PATTERNS[field]);
        const detail = explain !== undefined ? explain(String(data)) : `${field} ${JSON.stringify(data)} must match ${String(e.params['pattern'])}`;
        out.push(new SuiteError(code('badValue'), detail, map.locate(at)));
        break;
      }
      case 'propertyNames':
        break;
      case 'minItems':
        out.push(new SuiteError(code('badValue'), `${field} must not be an empty list`, map.locate(at)));
        break;
      case 'minLength':
        out.push(new SuiteError(code('badValue'), `${field} must not be empty`, map.locate(at)));
        break;
      case 'minimum':
      case 'maximum':
        out.push(
          new SuiteError(code('badValue'), `${field} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(e.params['limit'])}, got ${describeType(data)}`, map.locate(at)),
        );
        break;
      default:
        out.push(new SuiteError(code('badValue'), `${field} ${e.message ?? 'is invalid'}`, map.locate(at)));
    }
  }
  return out;
}


