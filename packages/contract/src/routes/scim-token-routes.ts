import {
  scimTokenCreatedSchema,
  scimTokenCreateSchema,
  scimTokenListSchema,
} from '../scim-token.js';
import { defineRoute } from './route-descriptor.js';

/** The account's SCIM tokens, for provisioning from an identity provider (admins only; S1). */
export const scimTokenRoutes = {
  listScimTokens: defineRoute({
    method: 'get',
    path: '/v1/scim-tokens',
    operationId: 'listScimTokens',
    summary: 'The account’s SCIM tokens with when each was last used (never the tokens)',
    tag: 'Provisioning',
    access: 'user',
    adminOnly: true,
    response: { status: 200, description: 'The tokens', schema: scimTokenListSchema },
    errors: ['forbidden'],
  }),
  createScimToken: defineRoute({
    method: 'post',
    path: '/v1/scim-tokens',
    operationId: 'createScimToken',
    summary: 'Create a SCIM token for an identity provider; the token is shown this once',
    tag: 'Provisioning',
    access: 'user',
    adminOnly: true,
    body: scimTokenCreateSchema,
    answerHoldsSecret: true,
    response: {
      status: 201,
      description: 'The new token, with its secret',
      schema: scimTokenCreatedSchema,
    },
    errors: ['forbidden'],
  }),
  revokeScimToken: defineRoute({
    method: 'delete',
    path: '/v1/scim-tokens/{id}',
    operationId: 'revokeScimToken',
    summary: 'Revoke a SCIM token: requests with it fail at once',
    tag: 'Provisioning',
    access: 'user',
    adminOnly: true,
    response: { status: 204, description: 'Revoked' },
    errors: ['forbidden', 'not_found'],
  }),
};
