import type { Context, Hono } from 'hono';
import { type RequestIdEnv, stampRequestId } from './request-id.js';

/**
 * Registers one route of the app, giving every answer its request id (`x-request-id`) in
 * this one place — unless `answersCarryRequestId` says the handler puts it in each answer
 * itself, as the API's responder does. Each route gets exactly one handler and the app no
 * middleware, so Hono calls it on its fast path.
 *
 * @example registerRoute(app, 'get', '/openapi.json', (c) => c.json(document));
 */
export function registerRoute(
  app: Hono<RequestIdEnv>,
  method: string,
  path: string,
  handler: (c: Context<RequestIdEnv>) => Response | Promise<Response>,
  options: { answersCarryRequestId?: boolean } = {},
): void {
  app.on(
    method.toUpperCase(),
    path,
    options.answersCarryRequestId
      ? handler
      : (c) => {
          stampRequestId(c);
          return handler(c);
        },
  );
}
