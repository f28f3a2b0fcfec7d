// Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a resource's writable attributes, including what Okta and Entra
// really send: path-less replace with a value object (read-only keys such as a group's `id` tolerated),
// `members[value eq "…"]` removes, capitalised op names, `remove` with a value list (Entra), several operations.
import { badRequest } from './scim-http-error.js';
import { coreAttributes, findAttr, findExtension, resolvePath, PATCH_SCHEMA } from './resource-schemas.js';
import type { AttrDef, ResourceShape, SchemaDef } from './resource-schemas.js';
import { matchesElement, parseFilter } from './filter.js';
import type { Filter } from './filter.js';
import { isObject, isWritable, normalizeSingle, normalizeValue } from './normalize-resource.js';
import type { Json } from './normalize-resource.js';

export type PatchOpName = 'add' | 'remove' | 'replace';

export interface PatchOperation {
  op: PatchOpName;
  path: string | undefined;
  value: unknown;
  hasValue: boolean;
}

/** Reads and checks the PatchOp envelope; op names are matched without case (Entra sends "Replace"). */
export function readPatchBody(body: Json): PatchOperation[] {
  const schemas = body['schemas'];
  if (Array.isArray(schemas) && !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_SCHEMA.toLowerCase())) {
    throw badRequest('invalidSyntax', `A PATCH body's "schemas" must contain "${PATCH_SCHEMA}".`);
  }
  const ops = body['Operations'] ?? body['operations'];
  if (!Array.isArray(ops) || ops.length === 0) {
    throw badRequest('invalidSyntax', 'A PATCH body needs a non-empty "Operations" array (RFC 7644 §3.5.2).');
  }
  return ops.map((raw, i): PatchOperation => {
    if (!isObject(raw)) throw badRequest('invalidSyntax', `Operations[${i}] must be an object.`);
    const opRaw = raw['op'];
    const op = typeof opRaw === 'string' ? opRaw.toLowerCase() : '';
    if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw badRequest('invalidSyntax', `Operations[${i}].op must be "add", "remove" or "replace", not ${JSON.stringify(opRaw ?? null)}.`);
    }
    const pathRaw = raw['path'];
    if (pathRaw !== undefined && pathRaw !== null && typeof pathRaw !== 'string') {
      throw badRequest('invalidPath', `Operations[${i}].path must be a string.`);
    }
    const path = typeof pathRaw === 'string' && pathRaw.trim() !== '' ? pathRaw.trim() : undefined;
    if (op === 'remove' && path === undefined) {
      throw badRequest('noTarget', `Operations[${i}] is a "remove" without a "path" (RFC 7644 §3.5.2.2 requires one).`);
    }
    const hasValue = 'value' in raw;
    if (op !== 'remove' && !hasValue) throw badRequest('invalidSyntax', `Operations[${i}] ("${op}") needs a "value".`);
    if (op !== 'remove' && path === undefined && !isObject(raw['value'])) {
      throw badRequest('invalidSyntax', `Operations[${i}] has no "path", so its "value" must be an object of attributes.`);
    }
    return { op, path, value: raw['value'], hasValue };
  });
}

interface Target {
  holder: 'core' | SchemaDef;
  attr: AttrDef;
  sub: AttrDef | undefined;
  filter: Filter | undefined;
}

/** Parses `attr`, `attr.sub`, `urn:…:attr`, `attr[filter]` and `attr[filter].sub`. */
function parsePath(path: string, shape: ResourceShape): Target {
  const open = path.indexOf('[');
  if (open === -1) {
    const resolved = resolvePath(shape, path);
    if (resolved === undefined) throw badRequest('invalidPath', `The PATCH path "${path}" names no attribute of a ${shape.kind}.`);
    return { holder: resolved.extension ?? 'core', attr: resolved.attr, sub: resolved.sub, filter: undefined };
  }
  const close = path.lastIndexOf(']');
  if (close < open) throw badRequest('invalidPath', `The PATCH path "${path}" has an unclosed "[".`);
  const attrPath = path.slice(0, open);
  const rest = path.slice(close + 1);
  if (rest !== '' && !rest.startsWith('.')) throw badRequest('invalidPath', `The PATCH path "${path}" has unexpected text after "]".`);
  const filter = parseFilter(path.slice(0, close + 1), shape);
  if (filter.kind !== 'valuePath') throw badRequest('invalidPath', `The PATCH path "${path}" is not a value path.`);
  const resolved = resolvePath(shape, attrPath);
  if (resolved === undefined || resolved.sub !== undefined || !resolved.attr.multiValued) {
    throw badRequest('invalidPath', `"${attrPath}" in the PATCH path "${path}" is not a multi-valued attribute.`);
  }
  let sub: AttrDef | undefined;
  if (rest !== '') {
    sub = findAttr(resolved.attr.subAttributes ?? [], rest.slice(1));
    if (sub === undefined) throw badRequest('invalidPath', `"${resolved.attr.name}" has no sub-attribute "${rest.slice(1)}".`);
  }
  return { holder: resolved.extension ?? 'core', attr: resolved.attr, sub, filter: filter.filter };
}

function holderObject(attrs: Json, holder: Target['holder'], create: boolean): Json | undefined {
  if (holder === 'core') return attrs;
  const existing = attrs[holder.id];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: Json = {};
  attrs[holder.id] = fresh;
  return fresh;
}

/** Same element of a multi-valued attribute: same `value` when it has one (members), else same JSON. */
function sameElement(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b) && a['value'] !== undefined) return a['value'] === b['value'];
  return JSON.stringify(a) === JSON.stringify(b);
}

function applyTarget(attrs: Json, t: Target, op: PatchOpName, value: unknown, hasValue: boolean, path: string): void {
  if (!isWritable(t.attr) || (t.sub !== undefined && t.sub.mutability === 'readOnly')) {
    throw badRequest('mutability', `"${path}" is read-only and cannot be changed by PATCH.`);
  }
  const holder = holderObject(attrs, t.holder, op !== 'remove');
  if (holder === undefined) return;
  const name = t.attr.name;
  const current = holder[name];

  if (t.filter !== undefined) {
    const items = Array.isArray(current) ? current : [];
    const filter = t.filter;
    const hits = items.filter((e) => isObject(e) && matchesElement(e, filter));
    if (op === 'remove') {
      if (t.sub === undefined) {
        const kept = items.filter((e) => !hits.includes(e));
        if (kept.length === 0) delete holder[name];
        else holder[name] = kept;
      } else {
        for (const e of hits) delete (e as Json)[t.sub.name];
      }
      return;
    }
    if (hits.length === 0) throw badRequest('noTarget', `The PATCH path "${path}" matched no value.`);
    for (const e of hits) {
      const el = e as Json;
      if (t.sub !== undefined) {
        const v = normalizeValue(t.sub, value, `${name}.${t.sub.name}`, true);
        if (v === undefined) delete el[t.sub.name];
        else el[t.sub.name] = v;
      } else {
        Object.assign(el, normalizeSingle(t.attr, value, name, true) as Json);
      }
    }
    return;
  }

  if (t.sub !== undefined) {
    const targets = t.attr.multiValued ? (Array.isArray(current) ? current : []) : [isObject(current) ? current : (holder[name] = {})];
    for (const e of targets) {
      if (!isObject(e)) continue;
      if (op === 'remove') delete e[t.sub.name];
      else {
        const v = normalizeValue(t.sub, value, `${name}.${t.sub.name}`, true);
        if (v === undefined) delete e[t.sub.name];
        else e[t.sub.name] = v;
      }
    }
    if (!t.attr.multiValued && isObject(holder[name]) && Object.keys(holder[name] as Json).length === 0) delete holder[name];
    return;
  }

  if (op === 'remove') {
    // Entra removes members as {"op":"Remove","path":"members","value":[{"value":"<id>"}]}.
    if (t.attr.multiValued && hasValue && Array.isArray(value) && Array.isArray(current)) {
      const kept = current.filter((e) => !value.some((v) => sameElement(e, v)));
      if (kept.length === 0) delete holder[name];
      else holder[name] = kept;
      return;
    }
    delete holder[name];
    return;
  }

  if (t.attr.multiValued) {
    const incoming = normalizeValue(t.attr, Array.isArray(value) ? value : [value], name, true) as unknown[];
    if (op === 'replace') {
      if (incoming.length === 0) delete holder[name];
      else holder[name] = incoming;
      return;
    }
    const merged = Array.isArray(current) ? [...current] : [];
    for (const item of incoming) {
      const at = merged.findIndex((e) => sameElement(e, item));
      if (at === -1) merged.push(item);
      else merged[at] = item;
    }
    holder[name] = merged;
    return;
  }

  const v = normalizeSingle(t.attr, value, name, true);
  if (v === undefined) {
    delete holder[name];
  } else if (t.attr.type === 'complex' && isObject(current)) {
    // RFC 7644 §3.5.2.3: sub-attributes not given in the value are left unchanged.
    holder[name] = { ...current, ...(v as Json) };
  } else {
    holder[name] = v;
  }
}

/** A path-less add/replace: each key of the value object is an attribute (or a dotted path, or an extension URN). */
function applyValueObject(attrs: Json, shape: ResourceShape, op: PatchOpName, value: Json): void {
  const core = coreAttributes(shape);
  for (const [key, v] of Object.entries(value)) {
    const ext = findExtension(shape, key);
    if (ext !== undefined) {
      if (!isObject(v)) throw badRequest('invalidValue', `"${ext.id}" must be an object of extension attributes.`);
      for (const [k, inner] of Object.entries(v)) {
        const def = findAttr(ext.attributes, k);
        if (def === undefined || !isWritable(def)) continue;
        applyTarget(attrs, { holder: ext, attr: def, sub: undefined, filter: undefined }, op, inner, true, `${ext.id}:${def.name}`);
      }
      continue;
    }
    if (key.includes('.') || key.includes(':')) {
      const resolved = resolvePath(shape, key);
      if (resolved === undefined || !isWritable(resolved.attr)) continue;
      applyTarget(attrs, { holder: resolved.extension ?? 'core', attr: resolved.attr, sub: resolved.sub, filter: undefined }, op, v, true, key);
      continue;
    }
    const def = findAttr(core, key);
    // Okta's group rename carries the group's own `id` (okta-protocol.md §2.12): read-only keys are ignored.
    if (def === undefined || !isWritable(def)) continue;
    applyTarget(attrs, { holder: 'core', attr: def, sub: undefined, filter: undefined }, op, v, true, def.name);
  }
}

/** Applies the operations in order to a copy of `attrs` (the writable attributes) and returns the copy. */
export function applyPatch(attrs: Json, operations: readonly PatchOperation[], shape: ResourceShape): Json {
  const doc = structuredClone(attrs);
  for (const operation of operations) {
    if (operation.path === undefined) {
      applyValueObject(doc, shape, operation.op, operation.value as Json);
      continue;
    }
    const ext = findExtension(shape, operation.path);
    if (ext !== undefined) {
      if (operation.op === 'remove') delete doc[ext.id];
      else if (isObject(operation.value)) applyValueObject(doc, shape, operation.op, { [ext.id]: operation.value });
      else throw badRequest('invalidValue', `The value for "${ext.id}" must be an object.`);
      continue;
    }
    applyTarget(doc, parsePath(operation.path, shape), operation.op, operation.value, operation.hasValue, operation.path);
  }
  return doc;
}
