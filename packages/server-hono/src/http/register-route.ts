import type { Context, Hono } from 'hono';
import { type RequestIdEnv, requestIdOf } from './request-id.js';

/**
 * Registers one route of the app, giving every answer its request id (`x-request-id`) in
 * this one place. Each route gets exactly one handler and the app no middleware, so Hono
 * calls it on its fast path.
 *
 * @example registerRoute(app, 'get', '/openapi.json', (c) => c.json(document));
 */
export function registerRoute(
  app: Hono<RequestIdEnv>,
  method: string,
  path: string,
  handler: (c: Context<RequestIdEnv>) => Response | Promise<Response>,
): void {
  app.on(method.toUpperCase(), path, (c) => {
    requestIdOf(c);
    return handler(c);
  });
}
