/**
 * The Switchboard HTTP contract: zod schemas of every request and response, the error
 * table and the route descriptors the server and the client are built from. Imports zod
 * only, so browsers and clients can use it.
 *
 * @example
 * import { accountSchema } from '@switchboard/contract';
 * const account = accountSchema.parse(await response.json());
 */
export * from './accepted.js';
export * from './account.js';
export * from './audit-actions.js';
export * from './audit-event.js';
export * from './audit-export-lines.js';
export * from './auth.js';
export * from './aws-regions.js';
export * from './common.js';
export * from './e164.js';
export * from './email-key.js';
export * from './error-codes.js';
export * from './integration.js';
export * from './integration-service-info.js';
export * from './me.js';
export * from './meta.js';
export * from './operator.js';
export * from './phone-number.js';
export * from './routes/account-routes.js';
export * from './routes/api-routes.js';
export * from './routes/audit-routes.js';
export * from './routes/auth-routes.js';
export * from './routes/integration-routes.js';
export * from './routes/me-routes.js';
export * from './routes/meta-routes.js';
export * from './routes/operator-routes.js';
export * from './routes/phone-number-routes.js';
export * from './routes/route-descriptor.js';
export * from './routes/route-errors.js';
export * from './routes/scim-token-routes.js';
export * from './routes/user-routes.js';
export * from './routes/webhook-routes.js';
export * from './routes/write-safety.js';
export * from './scim/scim-discovery.js';
export * from './scim/scim-error.js';
export * from './scim/scim-list.js';
export * from './scim/scim-patch.js';
export * from './scim/scim-protocol.js';
export * from './scim/scim-user.js';
export * from './scim-token.js';
export * from './us-states.js';
export * from './user.js';
export * from './webhook-endpoint.js';
export * from './webhook-event.js';
export * from './zip-code.js';
