// The names a suite may give to `expect.schema`; src/assert/ maps each to its SCIM JSON Schema.
// Kept here (not in assert/) so the loader can reject a typo without loading ajv or the schemas.

/** Every valid `schema:` value (README "SCIM schemas"; RFC 7643 resources, RFC 7644 messages). */
export const SCHEMA_NAMES = [
  'User',
  'Group',
  'ListResponse',
  'UserListResponse',
  'GroupListResponse',
  'Error',
  'ErrorLenient',
  'PatchOp',
  'ServiceProviderConfig',
  'ResourceType',
  'Schema',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** True when `name` is one of SCHEMA_NAMES. */
export function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}
