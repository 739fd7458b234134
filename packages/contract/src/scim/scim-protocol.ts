/**
 * The names SCIM 2.0 (RFC 7643, RFC 7644) gives its schemas and messages, and Switchboard's
 * extension of the User resource (`isAdmin`, `canCreate`, `canShare`).
 *
 * @example body.schemas.includes(scimUrns.patchOp)
 */
export const scimUrns = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  switchboardUser: 'urn:switchboard:params:scim:schemas:extension:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** The media type of every SCIM answer; requests may also be `application/json`. */
export const scimMediaType = 'application/scim+json';

/** The most users one page of `GET /scim/v2/Users` holds (`count` is capped to it). */
export const scimMaxResults = 200;

/** The most operations one PatchOp request may carry. */
export const scimMaxPatchOperations = 100;
