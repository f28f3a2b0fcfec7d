// The writable User attributes a server advertises in its own /Schemas beyond those the profile maps, with a value
// of each one's declared type and shape to create and one to change it to: what the optional advertised round trip
// of users.attributes sends, built at run time from the /Schemas answer (see StepGenerator).
//
// Everything here reads a document the server wrote. Its names and values end up in request bodies whose strings
// are template-expanded, so only names of RFC 7643 §2.1's ATTRNAME shape and canonical values of a plain shape are
// ever copied from it; everything else sent is scim-check's own text.
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken } from '../shared/json-pointer.js';
import { CORE_USER_SCHEMA } from './attribute-catalog.js';

type Json = Record<string, unknown>;

/** One attribute, or one sub-attribute of a single-valued complex one (name.formatted), to round-trip. */
export interface AdvertisedAttribute {
  /** As a message names it: `ims`, `name.formatted`, `urn:…:acme:2.0:User:badge`. */
  label: string;
  schema: string;
  /** Top-level attribute name, as the server spells it. */
  attribute: string;
  /** Sub-attribute of a single-valued complex attribute. */
  sub?: string | undefined;
  /** The value sent on create and after the change; for a multi-valued one, the one element sent. */
  values: [unknown, unknown];
  /** What a read must show for each value. */
  matchers: [unknown, unknown];
  /** `string`, `multi-valued complex`, …: how /Schemas declares it. */
  declared: string;
}

export interface AdvertisedPlan {
  attributes: AdvertisedAttribute[];
  /** Writable attributes left out because no sensible value can be made for them, each with why. */
  unfillable: string[];
}

const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A canonical value safe to send back: short, plain text, no template braces. */
const PLAIN = /^[A-Za-z0-9 ._@-]{1,64}$/;
/** Attributes Okta sends itself on every create, or owned by the server: other steps check them, not this trip. */
const OWN = new Set(['id', 'externalid', 'meta', 'schemas', 'username', 'password', 'active', 'groups']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function writable(def: Json): boolean {
  const mutability = str(def['mutability']) ?? 'readWrite';
  return mutability === 'readWrite' || mutability === 'writeOnly';
}

/** A plain GET shows it (RFC 7643 §7 `returned`): what a read cannot show cannot be checked. */
function readable(def: Json): boolean {
  const returned = str(def['returned']) ?? 'default';
  return returned !== 'never' && returned !== 'request' && def['mutability'] !== 'writeOnly';
}

/** A reference another resource type must resolve (a User, a Group) cannot be made up; an external URI can. */
function resolvableReference(def: Json): boolean {
  const types = Array.isArray(def['referenceTypes']) ? def['referenceTypes'].filter((t): t is string => typeof t === 'string') : [];
  return types.length === 0 || types.some((t) => t === 'external' || t === 'uri');
}

/**
 * A value of a simple attribute's type, the n-th (0: create, 1: change), and what a read must show for it; undefined
 * when none can be made. Strings carry the run id where the server holds them unique.
 */
function simpleValue(def: Json, name: string, n: 0 | 1): { value: unknown; matcher: unknown } | undefined {
  const type = str(def['type']) ?? 'string';
  const canonical = Array.isArray(def['canonicalValues']) ? def['canonicalValues'].filter((v): v is string => typeof v === 'string' && PLAIN.test(v)) : [];
  switch (type) {
    case 'boolean':
      return { value: n === 0, matcher: n === 0 };
    case 'integer':
      return { value: 41 + n, matcher: 41 + n };
    case 'decimal':
      return { value: 1.5 + n, matcher: 1.5 + n };
    case 'dateTime': {
      // A server may write the instant in another form (fractions, an offset): the date and time must survive.
      const value = n === 0 ? '2021-03-04T05:06:07Z' : '2022-08-09T10:11:12Z';
      return { value, matcher: { $match: `^${value.slice(0, 19)}` } };
    }
    case 'binary': {
      const value = Buffer.from(`scim-check ${name} ${n + 1}`).toString('base64');
      return { value, matcher: value };
    }
    case 'reference': {
      if (!resolvableReference(def)) return undefined;
      const value = `https://example.com/scim-check/${name}/${n + 1}`;
      return { value, matcher: value };
    }
    case 'string': {
      const unique = str(def['uniqueness']) === 'server' || str(def['uniqueness']) === 'global';
      const value = canonical.length > 0 ? (canonical[Math.min(n, canonical.length - 1)] as string) : `${name}-${n + 1}${unique ? '-{{ run.id }}' : ''}`;
      return { value, matcher: def['caseExact'] === true ? value : { $equalsIgnoreCase: value } };
    }
    default:
      return undefined;
  }
}

/** One element of a multi-valued complex attribute: every writable sub-attribute filled, primary true. */
function element(def: Json, name: string, n: 0 | 1): { value: Json; matcher: Json; left: string[] } | undefined {
  const subs = Array.isArray(def['subAttributes']) ? def['subAttributes'].filter(isPlainObject) : [];
  const value: Json = {};
  const matcher: Json = {};
  const left: string[] = [];
  for (const sub of subs) {
    const subName = str(sub['name']);
    if (subName === undefined || !writable(sub) || !readable(sub)) continue;
    if (!ATTRNAME.test(subName)) {
      // `$ref` points at another resource (RFC 7643 §2.4); other odd names are not copied into a request at all.
      if (subName === '$ref') left.push(`${name}.$ref`);
      continue;
    }
    if (subName === 'primary' && sub['type'] === 'boolean') {
      value[subName] = true;
      matcher[subName] = true;
      continue;
    }
    // A label without advertised canonical values: RFC 7643 §4.1.2's usual ones, which a strict server still takes.
    if (subName === 'type' && !Array.isArray(sub['canonicalValues'])) {
      value[subName] = n === 0 ? 'work' : 'other';
      matcher[subName] = { $equalsIgnoreCase: value[subName] };
      continue;
    }
    const made = simpleValue(sub, `${name}-${subName}`, n);
    if (made === undefined) {
      left.push(`${name}.${subName}`);
      continue;
    }
    value[subName] = made.value;
    matcher[subName] = made.matcher;
  }
  return Object.keys(value).length === 0 ? undefined : { value, matcher, left };
}

/** The schemas of User resources in a /Schemas answer (a ListResponse, or a bare array as some servers send). */
function userSchemas(document: unknown): Json[] {
  const list = isPlainObject(document) && Array.isArray(document['Resources']) ? document['Resources'] : Array.isArray(document) ? document : [];
  // The core User schema and its extensions: by convention every User extension's URN ends in ":User".
  return list.filter(isPlainObject).filter((s) => typeof s['id'] === 'string' && /:User$/i.test(s['id']) && Array.isArray(s['attributes']));
}

/**
 * What to round-trip: each writable attribute of the User schemas in `document` that `mapped` (lower-case
 * `schema:attribute` or `schema:attribute.sub`) does not name, Okta's own attributes left out.
 */
export function planAdvertised(document: unknown, mapped: ReadonlySet<string>): AdvertisedPlan {
  const attributes: AdvertisedAttribute[] = [];
  const unfillable: string[] = [];
  for (const schema of userSchemas(document)) {
    const id = schema['id'] as string;
    const core = id === CORE_USER_SCHEMA;
    for (const def of (schema['attributes'] as unknown[]).filter(isPlainObject)) {
      const name = str(def['name']);
      if (name === undefined || !ATTRNAME.test(name) || !writable(def)) continue;
      if (core && OWN.has(name.toLowerCase())) continue;
      const label = core ? name : `${id}:${name}`;
      const returned = str(def['returned']) ?? 'default';
      if (!readable(def)) {
        if (!mapped.has(`${id}:${name}`.toLowerCase())) unfillable.push(`${label} (returned ${def['mutability'] === 'writeOnly' ? 'never: writeOnly' : returned}, so a read cannot show it)`);
        continue;
      }
      const type = str(def['type']) ?? 'string';
      const multi = def['multiValued'] === true;
      // A mapped attribute is left out whatever shape /Schemas gives it; its own steps judge that shape.
      if (mapped.has(`${id}:${name}`.toLowerCase())) continue;
      if (type === 'complex' && !multi) {
        if (/^manager$/i.test(name) && !core) {
          unfillable.push(`${label} (its value must be the id of another user in the app; map enterprise.manager in the profile to round-trip it)`);
          continue;
        }
        for (const sub of (Array.isArray(def['subAttributes']) ? def['subAttributes'] : []).filter(isPlainObject)) {
          const subName = str(sub['name']);
          if (subName === undefined || !ATTRNAME.test(subName) || !writable(sub) || !readable(sub) || mapped.has(`${id}:${name}.${subName}`.toLowerCase())) continue;
          const subLabel = `${label}.${subName}`;
          const a = simpleValue(sub, `${name}-${subName}`, 0);
          const b = simpleValue(sub, `${name}-${subName}`, 1);
          if (a === undefined || b === undefined || sub['multiValued'] === true) {
            unfillable.push(`${subLabel} (a ${sub['multiValued'] === true ? 'multi-valued ' : ''}${str(sub['type']) ?? 'string'} scim-check cannot make up)`);
            continue;
          }
          attributes.push({ label: subLabel, schema: id, attribute: name, sub: subName, values: [a.value, b.value], matchers: [a.matcher, b.matcher], declared: str(sub['type']) ?? 'string' });
        }
        continue;
      }
      if (type === 'complex') {
        const a = element(def, name, 0);
        const b = element(def, name, 1);
        if (a === undefined || b === undefined) {
          unfillable.push(`${label} (no sub-attribute scim-check can fill)`);
          continue;
        }
        if (a.left.length > 0) unfillable.push(`${a.left.map((l) => (core ? l : `${id}:${l}`)).join(', ')} (a reference to another resource, which scim-check cannot make up)`);
        attributes.push({ label, schema: id, attribute: name, values: [[a.value], [b.value]], matchers: [{ $contains: a.matcher }, { $contains: b.matcher }], declared: 'multi-valued complex' });
        continue;
      }
      const a = simpleValue(def, name, 0);
      const b = simpleValue(def, name, 1);
      if (a === undefined || b === undefined) {
        unfillable.push(`${label} (a ${type} scim-check cannot make up)`);
        continue;
      }
      // A multi-valued simple attribute gets a one-element array; the read must still hold the value.
      attributes.push(
        multi
          ? { label, schema: id, attribute: name, values: [[a.value], [b.value]], matchers: [{ $contains: a.matcher }, { $contains: b.matcher }], declared: `multi-valued ${type}` }
          : { label, schema: id, attribute: name, values: [a.value, b.value], matchers: [a.matcher, b.matcher], declared: type },
      );
    }
  }
  return { attributes, unfillable };
}

/** `base` with every planned attribute set to its n-th value, extension URNs added to `schemas`. */
export function advertisedBody(base: Json, plan: AdvertisedPlan, n: 0 | 1): Json {
  const body = structuredClone(base);
  for (const a of plan.attributes) {
    const holder = a.schema === CORE_USER_SCHEMA ? body : ((body[a.schema] = isPlainObject(body[a.schema]) ? { ...(body[a.schema] as Json) } : {}) as Json);
    if (a.sub === undefined) holder[a.attribute] = a.values[n];
    else holder[a.attribute] = { ...(isPlainObject(holder[a.attribute]) ? (holder[a.attribute] as Json) : {}), [a.sub]: a.values[n] };
    if (a.schema !== CORE_USER_SCHEMA) {
      const schemas = Array.isArray(body['schemas']) ? body['schemas'] : [];
      if (!schemas.includes(a.schema)) body['schemas'] = [...schemas, a.schema];
    }
  }
  return body;
}

/** The body matcher a read of the user must satisfy for `a` after its n-th value was written. */
export function advertisedMatcher(a: AdvertisedAttribute, n: 0 | 1): Json {
  // A JSON pointer key, so a failed check's pointer names the attribute itself even when its whole parent is gone.
  const path = [...(a.schema === CORE_USER_SCHEMA ? [] : [a.schema]), a.attribute, ...(a.sub === undefined ? [] : [a.sub])];
  return path.length === 1 ? { [a.attribute]: a.matchers[n] } : { [`/${path.map(escapePointerToken).join('/')}`]: a.matchers[n] };
}
