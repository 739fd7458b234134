import { accountRoutes } from './account-routes.js';
import { auditRoutes } from './audit-routes.js';
import { authRoutes } from './auth-routes.js';
import { integrationRoutes } from './integration-routes.js';
import { meRoutes } from './me-routes.js';
import { metaRoutes } from './meta-routes.js';
import { operatorRoutes } from './operator-routes.js';
import { phoneNumberRoutes } from './phone-number-routes.js';
import type { RouteDescriptor } from './route-descriptor.js';
import { scimTokenRoutes } from './scim-token-routes.js';
import { userRoutes } from './user-routes.js';
import { webhookRoutes } from './webhook-routes.js';

/**
 * Every route of the API by area, each area's routes keyed by operationId.
 *
 * @example const { path } = apiRoutes.users.getUser; // '/v1/users/{id}'
 */
export const apiRoutes = {
  meta: metaRoutes,
  auth: authRoutes,
  me: meRoutes,
  account: accountRoutes,
  users: userRoutes,
  scimTokens: scimTokenRoutes,
  phoneNumbers: phoneNumberRoutes,
  integrations: integrationRoutes,
  audit: auditRoutes,
  webhooks: webhookRoutes,
  operator: operatorRoutes,
};

/** Every route of the API as a list, in the order the OpenAPI document lists them. @example for (const route of apiRouteList) console.log(route.method, route.path); */
export const apiRouteList: readonly RouteDescriptor[] = Object.values(apiRoutes).flatMap(
  (area): RouteDescriptor[] => Object.values(area),
);
