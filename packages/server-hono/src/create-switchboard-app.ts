import {
  type Actor,
  isSwitchboardError,
  type Logger,
  type Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bearerToken, secretsEqual } from './http/bearer-token.js';
import { clientAddress } from './http/client-address.js';
import { problemResponse } from './http/problem-response.js';
import { readJsonBody } from './http/read-json-body.js';
import { requestIdFor } from './http/request-id.js';
import type { RouteDefinition, RouteInput } from './http/route-definition.js';
import { docsAsset, docsPageHtml } from './openapi/docs-page.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { accountRoutes } from './routes/account-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { integrationRoutes } from './routes/integration-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { metaRoutes } from './routes/meta-routes.js';
import { operatorRoutes } from './routes/operator-routes.js';
import { phoneNumberRoutes } from './routes/phone-number-routes.js';
import { userRoutes } from './routes/user-routes.js';

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
  /** Where unexpected errors are reported. Default: console. */
  logger?: Pick<Logger, 'error'>;
}

type Env = { Variables: { requestId: string | undefined } };

/**
 * The request's id — the caller's `x-request-id` when it is sane, else a new one — chosen
 * once per request, kept on the context for error answers and sent back as `x-request-id`.
 * Each route sets it (no app-wide middleware, so that a route runs on Hono's fast path).
 * Headers are read through c.req.header(): touching c.req.raw makes the Node adapter build a
 * full Request object, which costs more than the rest of a small request.
 */
function requestIdOf(c: Context<Env>): string {
  let requestId = c.get('requestId');
  if (!requestId) {
    requestId = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
  }
  return requestId;
}

/** Every route of the API, in the order the OpenAPI document lists them. */
export const switchboardRoutes: readonly RouteDefinition[] = [
  ...metaRoutes,
  ...authRoutes,
  ...meRoutes,
  ...accountRoutes,
  ...userRoutes,
  ...phoneNumberRoutes,
  ...integrationRoutes,
  ...operatorRoutes,
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
): Hono<Env> {
  const app = new Hono<Env>();
  const logger = options.logger ?? console;
  /** The caller's actor; `token` is the request's bearer token, read once by the caller. */
  const authenticate = (c: Context, token: string | null): Actor | null | Promise<Actor | null> => {
    if (options.authenticate) return options.authenticate(c.req.raw);
    return token ? switchboard.identity.authenticate(token) : null;
  };
  const signInHint = options.authenticate
    ? 'Sign in first'
    : 'Sign in first: send Authorization: Bearer <token>';
  const routes = switchboardRoutes.filter(
    (route) => route.access !== 'operator' || options.operatorToken,
  );

  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  app.onError((error, c) => {
    const requestId = requestIdOf(c);
    if (isSwitchboardError(error)) {
      const extra = { requestId, ...(error.issues ? { issues: error.issues } : {}) };
      return problemResponse(error.code, error.message, {
        ...extra,
        ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
      });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse('validation_failed', error.message || 'Bad request', { requestId });
    }
    logger.error('unhandled error', {
      requestId,
      error: error instanceof Error ? error.stack : String(error),
    });
    return problemResponse('internal', 'Something went wrong on our side', { requestId });
  });

  app.notFound((c) =>
    problemResponse('not_found', `No route ${c.req.method} ${c.req.path}`, {
      requestId: requestIdOf(c),
    }),
  );

  for (const route of routes) {
    const honoPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(route.method.toUpperCase(), honoPath, async (c) => {
      requestIdOf(c);
      const actor = await authorize(route, c);
      const input: RouteInput = {
        switchboard,
        params: c.req.param() as Record<string, string>,
        query: c.req.query(),
        body: async <T>() => (await readJsonBody(c, maxBodyBytes)) as T,
        actor: () => {
          if (!actor) throw new SwitchboardError('unauthenticated');
          return actor;
        },
        origin: { clientAddress: clientAddress(c, options.trustProxy ?? false) },
        context: c,
      };
      const result = await route.handle(input);
      if (route.response.status === 204) return c.body(null, 204);
      return c.json(result, route.response.status);
    });
  }

  async function authorize(route: RouteDefinition, c: Context): Promise<Actor | null> {
    if (route.access === 'public') return null;
    const token = bearerToken(c.req.header('authorization'));
    if (route.access === 'operator') {
      if (token && options.operatorToken && secretsEqual(token, options.operatorToken)) return null;
      const user = token === null ? null : await authenticate(c, token);
      if (user) throw new SwitchboardError('forbidden', 'Only the platform operator may do this');
      throw new SwitchboardError('unauthenticated', 'Operator token required');
    }
    const actor = await authenticate(c, token);
    if (!actor) throw new SwitchboardError('unauthenticated', signInHint);
    return actor;
  }

  const document = openApiDocument(routes, { title: 'Switchboard API', version: '1.0.0' });
  app.get('/openapi.json', (c) => {
    requestIdOf(c);
    return c.json(document);
  });
  app.get('/docs', (c) => {
    requestIdOf(c);
    return c.html(docsPageHtml);
  });
  app.get('/docs/assets/:file', async (c) => {
    requestIdOf(c);
    const asset = docsAsset(c.req.param('file'));
    if (!asset) return c.notFound();
    return c.body(await asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=86400',
    });
  });

  return app;
}
