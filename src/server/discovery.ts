// The discovery documents (RFC 7644 §4, RFC 7643 §5-7): ServiceProviderConfig, ResourceTypes and Schemas, built
// from the same attribute tables the server enforces, so they can never disagree with its behaviour.
import { ENTERPRISE_SCHEMA, ENTERPRISE_SCHEMA_DEF, EXAMPLE_EXTENSION_DEF, EXAMPLE_EXTENSION_SCHEMA, GROUP_SCHEMA, GROUP_SCHEMA_DEF, USER_SCHEMA, USER_SCHEMA_DEF } from './resource-schemas.js';
import type { AttrDef, SchemaDef } from './resource-schemas.js';
import type { Json } from './normalize-resource.js';

export function serviceProviderConfig(baseUrl: string, maxPageSize: number, maxBodyBytes: number, postman: boolean): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: maxPageSize },
    changePassword: { supported: !postman },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: postman
          ? 'The SCIM API key, as Authorization: Bearer <key> or x-api-key: <key>'
          : 'Authentication with the token printed by scim-check serve, as Authorization: Bearer <token>',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
    // Not part of RFC 7643 §5, but lets a client see the body limit before it hits a 413.
    'urn:scim-check:maxPayloadSize': maxBodyBytes,
  };
}

export function resourceTypes(baseUrl: string): Json[] {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }, { schema: EXAMPLE_EXTENSION_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

function attributeJson(def: AttrDef): Json {
  const out: Json = {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued,
    description: def.description,
    required: def.required,
    caseExact: def.caseExact,
    mutability: def.mutability,
    returned: def.returned,
    uniqueness: def.uniqueness,
  };
  if (def.subAttributes !== undefined) out['subAttributes'] = def.subAttributes.map(attributeJson);
  return out;
}

export function schemas(baseUrl: string): Json[] {
  return [USER_SCHEMA_DEF, ENTERPRISE_SCHEMA_DEF, EXAMPLE_EXTENSION_DEF, GROUP_SCHEMA_DEF].map((s: SchemaDef) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(attributeJson),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${s.id}` },
  }));
}
