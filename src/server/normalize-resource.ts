// Turns a client's JSON into the stored form: canonical attribute names, types checked against the schema,
// read-only attributes dropped (Okta echoes the whole GET body on PUT: okta-protocol.md §2.6), unknown ones ignored.
import { isPlainObject } from '../shared/is-plain-object.js';
import { badRequest } from './scim-http-error.js';
import { coreAttributes, findAttr, findExtension } from './resource-schemas.js';
import type { AttrDef, ResourceShape } from './resource-schemas.js';

export type Json = Record<string, unknown>;

// The server's name for the shared JSON-object test.
export const isObject = isPlainObject;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `the ${typeof v} ${JSON.stringify(v)}`;
}

/** Checks and canonicalises one value for `def`; undefined means "unassign" (null, RFC 7644 §3.5.2.3 semantics). */
export function normalizeValue(def: AttrDef, value: unknown, where: string, coerceBooleans = false): unknown {
  if (value === null || value === undefined) return undefined;
  if (def.multiValued) {
    if (!Array.isArray(value)) throw badRequest('invalidValue', `"${where}" must be an array, not ${typeName(value)}.`);
    const items = value.map((item, i) => normalizeSingle(def, item, `${where}[${i}]`, coerceBooleans)).filter((v) => v !== undefined);
    return items;
  }
  return normalizeSingle(def, value, where, coerceBooleans);
}

/** One element of `def` (for a multi-valued attribute, one array element). */
export function normalizeSingle(def: AttrDef, value: unknown, where: string, coerceBooleans = false): unknown {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'complex': {
      if (!isObject(value)) throw badRequest('invalidValue', `"${where}" must be an object, not ${typeName(value)}.`);
      const out: Json = {};
      for (const [key, v] of Object.entries(value)) {
        const sub = findAttr(def.subAttributes ?? [], key);
        if (sub === undefined) continue;
        const n = normalizeValue(sub, v, `${where}.${sub.name}`, coerceBooleans);
        if (n !== undefined) out[sub.name] = n;
      }
      return out;
    }
    case 'boolean':
      // Entra sends "False"/"True" as strings in PATCH (okta-protocol.md §2.7); accepted there only.
      if (coerceBooleans && typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      if (typeof value !== 'boolean') throw badRequest('invalidValue', `"${where}" must be a boolean, not ${typeName(value)}.`);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest('invalidValue', `"${where}" must be an integer, not ${typeName(value)}.`);
      return value;
    case 'decimal':
      if (typeof value !== 'number') throw badRequest('invalidValue', `"${where}" must be a number, not ${typeName(value)}.`);
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw badRequest('invalidValue', `"${where}" must be an RFC 3339 dateTime string, not ${typeName(value)}.`);
      }
      return value;
    default:
      if (typeof value !== 'string') throw badRequest('invalidValue', `"${where}" must be a string, not ${typeName(value)}.`);
      return value;
  }
}

/** A client may set this attribute (read-only ones are silently dropped, as RFC 7644 §3.5.1 allows on PUT). */
export function isWritable(def: AttrDef): boolean {
  return def.mutability !== 'readOnly';
}

/**
 * The writable attributes of a create or PUT body, canonicalised; extension attributes under their schema URN.
 * Throws 400 invalidValue on a wrong type or a missing required attribute.
 */
export function normalizeResource(body: Json, shape: ResourceShape): Json {
  const out: Json = {};
  const core = coreAttributes(shape);
  for (const [key, value] of Object.entries(body)) {
    const ext = findExtension(shape, key);
    if (ext !== undefined) {
      if (value === null) continue;
      if (!isObject(value)) throw badRequest('invalidValue', `"${ext.id}" must be an object of extension attributes.`);
      const extOut: Json = {};
      for (const [k, v] of Object.entries(value)) {
        const def = findAttr(ext.attributes, k);
        if (def === undefined || !isWritable(def)) continue;
        const n = normalizeValue(def, v, def.name);
        if (n !== undefined) extOut[def.name] = n;
      }
      if (Object.keys(extOut).length > 0) out[ext.id] = extOut;
      continue;
    }
    const def = findAttr(core, key);
    if (def === undefined || !isWritable(def)) continue;
    const n = normalizeValue(def, value, def.name);
    if (n !== undefined) out[def.name] = n;
  }
  checkRequired(out, shape);
  return out;
}

export function checkRequired(attrs: Json, shape: ResourceShape): void {
  for (const def of shape.core.attributes) {
    if (!def.required) continue;
    const v = attrs[def.name];
    if (typeof v !== 'string' || v.trim() === '') {
      throw badRequest('invalidValue', `"${def.name}" is required and must be a non-empty string.`);
    }
  }
}
