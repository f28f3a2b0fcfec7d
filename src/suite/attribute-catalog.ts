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
  /** Where it sits: a top-level attribute, or a sub-attribute of `parent` (name.*, the enterprise object). */
  attribute: string;
  parent?: 'name' | 'enterprise' | undefined;
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
  return { name: `enterprise.${part}`, schema: ENTERPRISE_USER_SCHEMA, attribute: part, parent: 'enterprise', type: 'string', multiValued: false, values, clearable: true };
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

/** Okta's base SCIM mapping: what an Okta profile round-trips when it lists no `attributes:` of its own. */
export const OKTA_BASE_MAPPING: readonly string[] = ATTRIBUTE_CATALOG.map((a) => a.name);

export function catalogAttribute(name: string): CatalogAttribute | undefined {
  return ATTRIBUTE_CATALOG.find((a) => a.name === name);
}
