// The user attributes an Okta attribute mapping can push, with the values scim-check writes for each. The names
// are what a profile lists under `attributes:`; the base list is what Okta's SCIM 2.0 app template maps
// (docs/okta-protocol.md §2.4, §2.6). Values carry the run id where a server may hold them unique.

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface CatalogAttribute {
  /** The name a profile writes: `title`, `name.middleName`, `enterprise.department`, `phoneNumbers`. */
  name: string;
  /** The schema the attribute belongs to. */
  schema: string;
  /** Where it sits: a top-level attribute, or a sub-attribute of `parent` (name.*, or the object under an extension's URN). */
  attribute: string;
  parent?: 'name' | 'extension' | undefined;
  /** RFC 7643 type as /Schemas should advertise it, and whether it is multi-valued. */
  type: 'string' | 'reference' | 'complex';
  multiValued: boolean;
  /** The value on create, after Okta's PUT, and after Okta's PATCH. */
  values: [unknown, unknown, unknown];
  /** False for what Okta never sends empty (its profile requires it): no clearing round trip. */
  clearable: boolean;
}

function simple(name: string, values: [string, string, string], type: 'string' | 'reference' = 'string'): CatalogAttribute {
  return { name, schema: CORE_USER_SCHEMA, attribute: name, type, multiValued: false, values, clearable: true };
}

function namePart(part: string, values: [string, string, string], clearable = true): CatalogAttribute {
  return { name: `name.${part}`, schema: CORE_USER_SCHEMA, attribute: part, parent: 'name', type: 'string', multiValued: false, values, clearable };
}

function enterprise(part: string, values: [string, string, string]): CatalogAttribute {
  return { name: `enterprise.${part}`, schema: ENTERPRISE_USER_SCHEMA, attribute: part, parent: 'extension', type: 'string', multiValued: false, values, clearable: true };
}

function multi(name: string, values: [unknown, unknown, unknown]): CatalogAttribute {
  return { name, schema: CORE_USER_SCHEMA, attribute: name, type: 'complex', multiValued: true, values, clearable: true };
}

const phone = (value: string, type: string): unknown[] => [{ value, type, primary: true }];
const address = (street: string, city: string): unknown[] => [
  { type: 'work', streetAddress: street, locality: city, region: 'CA', postalCode: '94105', country: 'US', primary: true },
];
const email = (local: string): unknown[] => [{ value: `scim-check-{{ run.id }}-${local}@example.com`, type: 'work', primary: true }];

/** Every attribute scim-check can round-trip, in the order Okta's mapping page lists them. */
export const ATTRIBUTE_CATALOG: readonly CatalogAttribute[] = [
  { name: 'userName', schema: CORE_USER_SCHEMA, attribute: 'userName', type: 'string', multiValued: false, clearable: false,
    values: ['scim-check-{{ run.id }}-attrs@example.com', 'scim-check-{{ run.id }}-attrs-put@example.com', 'scim-check-{{ run.id }}-attrs-patch@example.com'] },
  namePart('givenName', ['Scim', 'Scimput', 'Scimpatch'], false),
  namePart('familyName', ['Attrs-{{ run.id }}', 'Attrsput-{{ run.id }}', 'Attrspatch-{{ run.id }}'], false),
  namePart('middleName', ['Quinn', 'Rowan', 'Sage']),
  namePart('honorificPrefix', ['Dr.', 'Ms.', 'Mx.']),
  namePart('honorificSuffix', ['Jr.', 'III', 'PhD']),
  simple('displayName', ['Scim Attrs', 'Scim Attrs (put)', 'Scim Attrs (patch)']),
  simple('nickName', ['Scimmy', 'Scimbo', 'Scimster']),
  simple('profileUrl', ['https://example.com/profiles/scim-check-create', 'https://example.com/profiles/scim-check-put', 'https://example.com/profiles/scim-check-patch'], 'reference'),
  simple('title', ['Engineer', 'Senior Engineer', 'Staff Engineer']),
  simple('userType', ['Employee', 'Contractor', 'Intern']),
  simple('preferredLanguage', ['en-US', 'fr-FR', 'de-DE']),
  simple('locale', ['en-US', 'fr-FR', 'de-DE']),
  simple('timezone', ['America/Los_Angeles', 'Europe/Paris', 'Asia/Tokyo']),
  multi('emails', [email('attrs-mail'), email('attrs-mail-put'), email('attrs-mail-patch')]),
  multi('phoneNumbers', [phone('415.123.4567', 'work'), phone('415.555.0100', 'work'), phone('415.555.0199', 'mobile')]),
  multi('addresses', [address('100 First St', 'San Francisco'), address('200 Second St', 'Oakland'), address('300 Third St', 'San Jose')]),
  enterprise('employeeNumber', ['E-1001', 'E-1002', 'E-1003']),
  enterprise('costCenter', ['CC-100', 'CC-200', 'CC-300']),
  enterprise('organization', ['Example Org', 'Example Org Put', 'Example Org Patch']),
  enterprise('division', ['R&D', 'Sales', 'Support']),
  enterprise('department', ['Engineering', 'Marketing', 'Finance']),
];

/**
 * The enterprise manager, as Okta's "managerId" mapping sends it: `manager.value`, the manager's id in the app
 * (okta-protocol.md §2.6). Not in the base list: a profile maps it on purpose. The values name no real user, so a
 * server that insists manager.value is one of its users refuses them (the create step's hint says so). No clearing
 * round trip: how Okta sends an emptied manager is not documented.
 */
const MANAGER: CatalogAttribute = {
  name: 'enterprise.manager', schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager', parent: 'extension', type: 'complex', multiValued: false, clearable: false,
  values: [{ value: 'scim-check-{{ run.id }}-manager-1' }, { value: 'scim-check-{{ run.id }}-manager-2' }, { value: 'scim-check-{{ run.id }}-manager-3' }],
};

/** Okta's base SCIM mapping: what an Okta profile round-trips when it lists no `attributes:` of its own. */
export const OKTA_BASE_MAPPING: readonly string[] = ATTRIBUTE_CATALOG.map((a) => a.name);

/** Every name a profile may list besides a custom extension attribute's URN form. */
export const ATTRIBUTE_NAMES: readonly string[] = [...OKTA_BASE_MAPPING, MANAGER.name];

/** RFC 7643 §2.1 ATTRNAME: a letter, then letters, digits, "-" and "_". */
const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function catalogAttribute(name: string): CatalogAttribute | undefined {
  return name === MANAGER.name ? MANAGER : ATTRIBUTE_CATALOG.find((a) => a.name === name);
}

/**
 * A custom extension attribute, written as Okta's mapping page shows it, its external namespace and external name
 * joined by a colon (the fully qualified form of RFC 7644 §3.10): `urn:ietf:params:scim:schemas:extension:acme:2.0:User:costCenter`.
 * Sent as a string under the extension's URN, like the enterprise attributes. Undefined when `name` is not that form.
 */
export function extensionAttribute(name: string): CatalogAttribute | undefined {
  const cut = name.lastIndexOf(':');
  const schema = name.slice(0, cut);
  const attribute = name.slice(cut + 1);
  if (!name.startsWith('urn:') || cut <= 4 || !ATTRNAME.test(attribute) || !/^urn:[^\s{}]+$/.test(schema)) return undefined;
  if (schema === CORE_USER_SCHEMA || schema === ENTERPRISE_USER_SCHEMA) return undefined;
  const v = (n: number): string => `${attribute}-${n}-{{ run.id }}`;
  return { name, schema, attribute, parent: 'extension', type: 'string', multiValued: false, values: [v(1), v(2), v(3)], clearable: true };
}

/** The attribute a profile's `attributes:` entry names, from the catalogue or a custom extension. */
export function resolveAttribute(name: string): CatalogAttribute | undefined {
  return catalogAttribute(name) ?? extensionAttribute(name);
}

/** Why a profile's `attributes:` entry names no attribute, in one clause; undefined when it does. */
export function attributeNameProblem(name: string): string | undefined {
  if (resolveAttribute(name) !== undefined) return undefined;
  for (const [schema, prefix] of [[CORE_USER_SCHEMA, ''], [ENTERPRISE_USER_SCHEMA, 'enterprise.']] as const) {
    if (name.startsWith(`${schema}:`)) {
      const short = `${prefix}${name.slice(schema.length + 1)}`;
      return catalogAttribute(short) === undefined
        ? `no attribute "${name.slice(schema.length + 1)}" of ${schema} in scim-check's attribute catalog; known attributes are ${ATTRIBUTE_NAMES.join(', ')}`
        : `write "${short}" for an attribute of ${schema}; the URN form is for custom extensions`;
    }
  }
  if (name.startsWith('urn:')) {
    return `"${name}" is not a custom extension attribute: write the extension's schema URN, a colon and one attribute name (letters, digits, - and _), such as urn:ietf:params:scim:schemas:extension:acme:2.0:User:costCenter`;
  }
  return undefined;
}
