import { scimTokenRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** The account's SCIM tokens (admins only; S1). */
export const scimTokenHandlers = handleRoutes(scimTokenRoutes, {
  listScimTokens: ({ switchboard, actor }) => switchboard.scimTokens.list(actor()),
  createScimToken: async ({ switchboard, actor, body }) =>
    switchboard.scimTokens.create(actor(), await body()),
  revokeScimToken: ({ switchboard, actor, params }) =>
    switchboard.scimTokens.revoke(actor(), params.id),
});
