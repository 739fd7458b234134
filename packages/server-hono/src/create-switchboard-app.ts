import type { Actor, Logger, Switchboard } from '@switchboard/core';
import { Hono } from 'hono';
import { routeAuthorizer } from './http/authorize-route.js';
import { errorResponse } from './http/error-response.js';
import { registerMethodNotAllowed } from './http/method-not-allowed.js';
import { problemResponse } from './http/problem-response.js';
import { registerRoute } from './http/register-route.js';
import { type RequestIdEnv, requestIdOf } from './http/request-id.js';
import type { RouteDefinition } from './http/route-definition.js';
import { routeResponder } from './http/route-responder.js';
import { docsAsset, docsPageHtml } from './openapi/docs-page.js';
import { type OpenApiDocument, openApiDocument } from './openapi/openapi-document.js';
import { accountHandlers } from './routes/account-routes.js';
import { auditHandlers } from './routes/audit-routes.js';
import { authHandlers } from './routes/auth-routes.js';
import { integrationHandlers } from './routes/integration-routes.js';
import { meHandlers } from './routes/me-routes.js';
import { metaHandlers } from './routes/meta-routes.js';
import { operatorHandlers } from './routes/operator-routes.js';
import { phoneNumberHandlers } from './routes/phone-number-routes.js';
import { scimTokenHandlers } from './routes/scim-token-routes.js';
import { userHandlers } from './routes/user-routes.js';
import { webhookHandlers } from './routes/webhook-routes.js';
import { withScim } from './scim/scim-openapi.js';
import { registerScimRoutes } from './scim/scim-routes.js';

export interface SwitchboardAppOptions {
  /** Bearer token of the platform operator; operator routes are off without it. */
  operatorToken?: string;
  /**
   * Resolves the acting user of a request. Default: the session of the
   * `Authorization: Bearer` token. Apps that bring their own authentication (cookies,
   * JWTs, an API gateway) return their user's actor, or null for "not signed in".
   *
   * @example authenticate: async (req) => sb.identity.actorFor(await myUserIdFrom(req))
   */
  authenticate?: (request: Request) => Actor | null | Promise<Actor | null>;
  /** Take the client address from `X-Forwarded-For` (behind your own proxy only). Default false. */
  trustProxy?: boolean;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Refuse a `PATCH` or `DELETE` of a versioned resource sent without `If-Match` (428
   * `precondition_required`), so no client can overwrite a change it has not seen (C1).
   * Default false: without `If-Match` the write proceeds.
   */
  requireIfMatch?: boolean;
  /** Where unexpected errors are reported. Default: console. */
  logger?: Pick<Logger, 'error'>;
}

/**
 * Every route of the API — the contract's descriptors (`apiRouteList`) with their handlers —
 * in the order the OpenAPI document lists them.
 *
 * @example for (const route of switchboardRoutes) console.log(route.method, route.path);
 */
export const switchboardRoutes: readonly RouteDefinition[] = [
  ...metaHandlers,
  ...authHandlers,
  ...meHandlers,
  ...accountHandlers,
  ...userHandlers,
  ...scimTokenHandlers,
  ...phoneNumberHandlers,
  ...integrationHandlers,
  ...auditHandlers,
  ...webhookHandlers,
  ...operatorHandlers,
];

/**
 * The Switchboard admin API as a Hono app. Mount it anywhere
 * (`app.route('/admin', createSwitchboardApp(sb))`) or serve it as it is.
 *
 * @example
 * const sb = createSwitchboard({ database: sqlite('./data/switchboard.db') });
 * await sb.migrate();
 * serve({ fetch: createSwitchboardApp(sb, { operatorToken }).fetch, port: 3000 });
 */
export function createSwitchboardApp(
  switchboard: Switchboard,
  options: SwitchboardAppOptions = {},
): Hono<RequestIdEnv> {
  const app = new Hono<RequestIdEnv>();
  const logger = options.logger ?? console;
  const routes = switchboardRoutes
    .filter((route) => route.access !== 'operator' || options.operatorToken)
    .map((route) => (route.bodyFor ? { ...route, body: route.bodyFor(switchboard) } : route));

  app.onError((error, c) => errorResponse(error, requestIdOf(c), logger));

  app.notFound((c) =>
    problemResponse('not_found', `No route ${c.req.method} ${c.req.path}`, {
      requestId: requestIdOf(c),
    }),
  );

  const responder = {
    switchboard,
    authorize: routeAuthorizer(switchboard, options),
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    requireIfMatch: options.requireIfMatch ?? false,
    logger,
  };
  // Every path's methods, so that the others answer 405 with Allow (registered last).
  const methodsByPath = new Map<string, string[]>();
  const register = (
    method: string,
    path: string,
    handler: Parameters<typeof registerRoute>[3],
    options?: Parameters<typeof registerRoute>[4],
  ) => {
    registerRoute(app, method, path, handler, options);
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), method]);
  };
  for (const route of routes) {
    const honoPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    register(route.method, honoPath, routeResponder(route, responder), {
      answersCarryRequestId: true,
    });
  }

  // SCIM 2.0 for identity providers (S1): its own protocol at /scim/v2, limited like the API.
  registerScimRoutes(app, {
    switchboard,
    maxBodyBytes: responder.maxBodyBytes,
    trustProxy: responder.trustProxy,
    logger,
  });

  const document = withScim(
    openApiDocument(routes, { title: 'Switchboard API', version: '1.0.0' }),
  );
  const documentJson = documentServedAt(document);
  register('get', '/openapi.json', (c) =>
    c.body(documentJson(c.req.path.slice(0, -'/openapi.json'.length)), 200, {
      'content-type': 'application/json',
    }),
  );
  register('get', '/docs', (c) => c.html(docsPageHtml));
  register('get', '/docs/assets/:file', async (c) => {
    const asset = docsAsset(c.req.param('file') ?? '');
    if (!asset) return c.notFound();
    return c.body(await asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=86400',
    });
  });

  for (const [path, methods] of methodsByPath) registerMethodNotAllowed(app, path, methods);

  return app;
}

/**
 * The document as JSON for the prefix the app is mounted at (`''`, `/admin`), its
 * `servers` naming that prefix so that tools call the API where the document was found.
 * Each prefix's JSON is made once (a few are kept: a mount has one prefix).
 */
function documentServedAt(document: OpenApiDocument): (prefix: string) => string {
  const byPrefix = new Map<string, string>();
  return (prefix) => {
    let json = byPrefix.get(prefix);
    if (json === undefined) {
      json = JSON.stringify({
        ...document,
        servers: [{ url: prefix || '/', description: 'This server' }],
      });
      if (byPrefix.size < 16) byPrefix.set(prefix, json);
    }
    return json;
  };
}
