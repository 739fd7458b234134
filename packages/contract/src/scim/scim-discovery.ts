import { z } from 'zod';
import { scimMaxResults, scimUrns } from './scim-protocol.js';

/** What the discovery answers are made of: JSON objects of the SCIM schemas named. */
const discoveryDocument = (schema: string) =>
  z.looseObject({ schemas: z.tuple([z.literal(schema)]) });

/** `GET /scim/v2/ServiceProviderConfig` (RFC 7643 §5). */
export const scimServiceProviderConfigSchema = discoveryDocument(scimUrns.serviceProviderConfig);
/** One ResourceType (RFC 7643 §6). */
export const scimResourceTypeSchema = discoveryDocument(scimUrns.resourceType);
/** One Schema definition (RFC 7643 §7). */
export const scimSchemaDefinitionSchema = discoveryDocument(scimUrns.schema);

const list = <T extends z.ZodType>(resource: T) =>
  z.object({
    schemas: z.tuple([z.literal(scimUrns.listResponse)]),
    totalResults: z.number().int(),
    startIndex: z.number().int(),
    itemsPerPage: z.number().int(),
    Resources: z.array(resource),
  });
/** `GET /scim/v2/ResourceTypes`. */
export const scimResourceTypeListSchema = list(scimResourceTypeSchema);
/** `GET /scim/v2/Schemas`. */
export const scimSchemaListSchema = list(scimSchemaDefinitionSchema);

type Json = Record<string, unknown>;

/** A ListResponse holding every one of `resources`. */
function wholeList<T>(resources: T[]) {
  return {
    schemas: [scimUrns.listResponse] as [typeof scimUrns.listResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * What the service provider supports (RFC 7643 §5): PATCH, filters (up to
 * `scimMaxResults` per page), ETags; no bulk, sort or password changes.
 *
 * @example scimServiceProviderConfig('https://admin.example.com/scim/v2').filter // { supported: true, maxResults: 200 }
 */
export function scimServiceProviderConfig(baseUrl: string) {
  return {
    schemas: [scimUrns.serviceProviderConfig] as [typeof scimUrns.serviceProviderConfig],
    documentationUri: 'https://github.com/switchboard/switchboard/blob/main/docs/provisioning.md',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: scimMaxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A SCIM token an account admin created (POST /v1/scim-tokens)',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

/** The resource types: User (with Switchboard's extension) and Group (always empty). @example scimResourceTypes(baseUrl).Resources.map((r) => r.id) // ['User', 'Group'] */
export function scimResourceTypes(baseUrl: string) {
  const type = (id: string, endpoint: string, schema: string, extensions: Json[]) => ({
    schemas: [scimUrns.resourceType] as [typeof scimUrns.resourceType],
    id,
    name: id,
    endpoint,
    description: `${id}s of the account`,
    schema,
    schemaExtensions: extensions,
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${id}` },
  });
  return wholeList([
    type('User', '/Users', scimUrns.user, [{ schema: scimUrns.switchboardUser, required: false }]),
    type('Group', '/Groups', scimUrns.group, []),
  ]);
}

/** A SCIM attribute definition (RFC 7643 §7) with the defaults most of ours share. */
function attribute(name: string, type: string, more: Json = {}): Json {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  };
}

/** The schemas of the attributes Switchboard keeps. @example scimSchemas(baseUrl).totalResults // 3 */
export function scimSchemas(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: Json[]) => ({
    schemas: [scimUrns.schema] as [typeof scimUrns.schema],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  });
  return wholeList([
    schema(scimUrns.user, 'User', 'A user of the account', [
      attribute('userName', 'string', {
        required: true,
        uniqueness: 'global',
        description: 'The user’s email; unique across all accounts, compared case-insensitively',
      }),
      attribute('name', 'complex', {
        required: true,
        subAttributes: [
          attribute('givenName', 'string', { required: true }),
          attribute('familyName', 'string', { required: true }),
          attribute('formatted', 'string', { mutability: 'readOnly' }),
        ],
      }),
      attribute('displayName', 'string', { mutability: 'readOnly' }),
      attribute('emails', 'complex', {
        multiValued: true,
        description: 'One work email, the same as userName',
        subAttributes: [
          attribute('value', 'string'),
          attribute('type', 'string', { canonicalValues: ['work'] }),
          attribute('primary', 'boolean'),
        ],
      }),
      attribute('active', 'boolean', { description: 'False when the user is deactivated' }),
      attribute('externalId', 'string', { caseExact: true }),
    ]),
    schema(scimUrns.switchboardUser, 'SwitchboardUser', 'What the user may do in Switchboard', [
      attribute('isAdmin', 'boolean'),
      attribute('canCreate', 'boolean'),
      attribute('canShare', 'boolean'),
    ]),
    schema(scimUrns.group, 'Group', 'Groups are not provisioned: the list is always empty', [
      attribute('displayName', 'string', { required: true }),
    ]),
  ]);
}
