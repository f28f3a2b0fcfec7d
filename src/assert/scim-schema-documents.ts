// The SCIM JSON Schemas as data, loaded only by schema.ts's prepareSchemas (never at the top of index.ts).
// Static JSON imports make tsc copy the files into dist/ (resolveJsonModule), which runtime fs reads would not.
import common from './scim-schemas/common.json' with { type: 'json' };
import errorLenient from './scim-schemas/error-lenient.json' with { type: 'json' };
import error from './scim-schemas/error.json' with { type: 'json' };
import groupListResponse from './scim-schemas/group-list-response.json' with { type: 'json' };
import group from './scim-schemas/group.json' with { type: 'json' };
import listResponse from './scim-schemas/list-response.json' with { type: 'json' };
import patchOp from './scim-schemas/patch-op.json' with { type: 'json' };
import resourceType from './scim-schemas/resource-type.json' with { type: 'json' };
import schema from './scim-schemas/schema.json' with { type: 'json' };
import serviceProviderConfig from './scim-schemas/service-provider-config.json' with { type: 'json' };
import userListResponse from './scim-schemas/user-list-response.json' with { type: 'json' };
import user from './scim-schemas/user.json' with { type: 'json' };
import type { SchemaName as ScimSchemaName } from '../shared/scim-schema-names.js';

/** Schemas other schemas refer to, added to ajv but not validated against directly. */
export const SHARED_SCHEMAS: readonly object[] = [common];

/** Suite-visible schema name → its JSON Schema document. */
export const SCIM_SCHEMA_DOCUMENTS: Readonly<Record<ScimSchemaName, { $id: string }>> = {
  User: user,
  Group: group,
  ListResponse: listResponse,
  UserListResponse: userListResponse,
  GroupListResponse: groupListResponse,
  Error: error,
  ErrorLenient: errorLenient,
  PatchOp: patchOp,
  ServiceProviderConfig: serviceProviderConfig,
  ResourceType: resourceType,
  Schema: schema,
};
