// The attribute definitions of the resources the reference server holds (RFC 7643 §4, §8.7.1): Core User with the
// EnterpriseUser extension, and Core Group. Filters, PATCH, validation and /Schemas all read these one tables.

export type AttrType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';

export interface AttrDef {
  name: string;
  type: AttrType;
  multiValued: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  required: boolean;
  uniqueness: 'none' | 'server' | 'global';
  description: string;
  subAttributes?: readonly AttrDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: readonly AttrDef[];
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function attr(name: string, init: Partial<Omit<AttrDef, 'name'>> = {}): AttrDef {
  return {
    name,
    type: 'string',
    multiValued: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    required: false,
    uniqueness: 'none',
    description: '',
    ...init,
  };
}

function complex(name: string, subAttributes: AttrDef[], init: Partial<Omit<AttrDef, 'name'>> = {}): AttrDef {
  return attr(name, { type: 'complex', subAttributes, ...init });
}

/** The usual multi-valued shape (emails, phoneNumbers, …): value, display, type, primary. */
function multi(name: string, extra: AttrDef[] = [], valueInit: Partial<AttrDef> = {}): AttrDef {
  return complex(
    name,
    [attr('value', valueInit), attr('display'), attr('type'), attr('primary', { type: 'boolean' }), ...extra],
    { multiValued: true },
  );
}

/** Common attributes (RFC 7643 §3.1): present on every resource, owned by the server. */
export const COMMON_ATTRIBUTES: readonly AttrDef[] = [
  attr('id', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  attr('externalId', { caseExact: true }),
  complex(
    'meta',
    [
      attr('resourceType', { caseExact: true, mutability: 'readOnly' }),
      attr('created', { type: 'dateTime', mutability: 'readOnly' }),
      attr('lastModified', { type: 'dateTime', mutability: 'readOnly' }),
      attr('location', { type: 'reference', caseExact: true, mutability: 'readOnly' }),
      attr('version', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly' },
  ),
];

export const USER_SCHEMA_DEF: SchemaDef = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    // RFC 7643 §4.1.1: caseExact false and uniqueness server, so `eq` and the 409 check ignore case.
    attr('userName', { required: true, uniqueness: 'server', description: 'Unique identifier for the User' }),
    complex('name', [
      attr('formatted'),
      attr('familyName'),
      attr('givenName'),
      attr('middleName'),
      attr('honorificPrefix'),
      attr('honorificSuffix'),
    ]),
    attr('displayName'),
    attr('nickName'),
    attr('profileUrl', { type: 'reference' }),
    attr('title'),
    attr('userType'),
    attr('preferredLanguage'),
    attr('locale'),
    attr('timezone'),
    attr('active', { type: 'boolean' }),
    // writeOnly + returned never (RFC 7643 §4.1.1): accepted, stored, never echoed.
    attr('password', { mutability: 'writeOnly', returned: 'never', caseExact: true }),
    multi('emails'),
    multi('phoneNumbers'),
    multi('ims'),
    multi('photos', [], { type: 'reference' }),
    complex(
      'addresses',
      [
        attr('formatted'),
        attr('streetAddress'),
        attr('locality'),
        attr('region'),
        attr('postalCode'),
        attr('country'),
        attr('type'),
        attr('primary', { type: 'boolean' }),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      [
        attr('value', { mutability: 'readOnly' }),
        attr('$ref', { type: 'reference', mutability: 'readOnly' }),
        attr('display', { mutability: 'readOnly' }),
        attr('type', { mutability: 'readOnly' }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    multi('entitlements'),
    multi('roles'),
    multi('x509Certificates', [], { type: 'binary' }),
  ],
};

export const ENTERPRISE_SCHEMA_DEF: SchemaDef = {
  id: ENTERPRISE_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber'),
    attr('costCenter'),
    attr('organization'),
    attr('division'),
    attr('department'),
    complex('manager', [
      attr('value'),
      attr('$ref', { type: 'reference' }),
      attr('displayName', { mutability: 'readOnly' }),
    ]),
  ],
};

/**
 * A custom extension, as apps add for attributes the RFC has none for: an Okta profile maps its attributes by URN
 * (`urn:…:example:2.0:User:badgeNumber`), and /Schemas advertises it, so its attributes are round-tripped too.
 */
export const EXAMPLE_EXTENSION_SCHEMA = 'urn:ietf:params:scim:schemas:extension:example:2.0:User';

export const EXAMPLE_EXTENSION_DEF: SchemaDef = {
  id: EXAMPLE_EXTENSION_SCHEMA,
  name: 'ExampleUser',
  description: 'A custom extension of the example app',
  attributes: [
    attr('badgeNumber', { description: 'Building badge number' }),
    attr('remote', { type: 'boolean', description: 'Works remotely' }),
    attr('startDate', { type: 'dateTime', description: 'First working day' }),
    attr('deskFloor', { type: 'integer', description: 'Floor of the desk' }),
  ],
};

export const GROUP_SCHEMA_DEF: SchemaDef = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    // RFC 7643 §4.2: displayName is required but not unique.
    attr('displayName', { required: true }),
    complex(
      'members',
      [
        attr('value', { mutability: 'immutable', caseExact: true }),
        attr('$ref', { type: 'reference', mutability: 'immutable' }),
        attr('display'),
        attr('type', { mutability: 'immutable' }),
      ],
      { multiValued: true },
    ),
  ],
};

export type ResourceKind = 'User' | 'Group';

/** What the filter, PATCH and validation code needs to know about one resource type. */
export interface ResourceShape {
  kind: ResourceKind;
  core: SchemaDef;
  extensions: readonly SchemaDef[];
}

export const USER_SHAPE: ResourceShape = { kind: 'User', core: USER_SCHEMA_DEF, extensions: [ENTERPRISE_SCHEMA_DEF, EXAMPLE_EXTENSION_DEF] };
export const GROUP_SHAPE: ResourceShape = { kind: 'Group', core: GROUP_SCHEMA_DEF, extensions: [] };

/** Finds a definition by name, ignoring case (RFC 7643 §2.1: attribute names are case-insensitive). */
export function findAttr(defs: readonly AttrDef[], name: string): AttrDef | undefined {
  const wanted = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === wanted);
}

/** Top-level attributes of the core schema, common attributes included. */
export function coreAttributes(shape: ResourceShape): readonly AttrDef[] {
  return [...COMMON_ATTRIBUTES, ...shape.core.attributes];
}

export function findExtension(shape: ResourceShape, urn: string): SchemaDef | undefined {
  const wanted = urn.toLowerCase();
  return shape.extensions.find((s) => s.id.toLowerCase() === wanted);
}

/** A resolved attribute path: the schema it lives in (undefined = core), the top attribute and an optional sub-attribute. */
export interface ResolvedPath {
  extension: SchemaDef | undefined;
  attr: AttrDef;
  sub: AttrDef | undefined;
}

/**
 * Resolves `name`, `name.sub`, `urn:…:name` or `urn:…:name.sub` (RFC 7644 §3.10) against a shape, or returns
 * undefined.
 */
export function resolvePath(shape: ResourceShape, text: string): ResolvedPath | undefined {
  let extension: SchemaDef | undefined;
  let rest = text;
  const colon = text.lastIndexOf(':');
  if (colon !== -1) {
    const urn = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (urn.toLowerCase() === shape.core.id.toLowerCase()) extension = undefined;
    else {
      extension = findExtension(shape, urn);
      if (extension === undefined) return undefined;
    }
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts[0] === undefined || parts[0] === '') return undefined;
  const defs = extension === undefined ? coreAttributes(shape) : extension.attributes;
  const top = findAttr(defs, parts[0]);
  if (top === undefined) return undefined;
  if (parts.length === 1) return { extension, attr: top, sub: undefined };
  const sub = findAttr(top.subAttributes ?? [], parts[1] ?? '');
  if (sub === undefined) return undefined;
  return { extension, attr: top, sub };
}
