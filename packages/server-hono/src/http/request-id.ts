import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';

const acceptable = /^[\w.-]{1,100}$/;

/** The caller's `x-request-id` header value when it is sane, else a new id. */
export function requestIdFor(given: string | undefined): string {
  return given && acceptable.test(given) ? given : randomUUID();
}

/** The Hono context variables the app keeps per request. */
export type RequestIdEnv = { Variables: { requestId: string | undefined } };

/**
 * The request's id — the caller's `x-request-id` when it is sane, else a new one — chosen
 * once per request, kept on the context for error answers and sent back as `x-request-id`.
 * Every route is registered through `registerRoute`, which calls this (no app-wide
 * middleware, so that a route runs on Hono's fast path); `onError` and `notFound` call it too.
 * Headers are read through c.req.header(): touching c.req.raw makes the Node adapter build a
 * full Request object, which costs more than the rest of a small request.
 */
export function requestIdOf(c: Context<RequestIdEnv>): string {
  let requestId = c.get('requestId');
  if (!requestId) {
    requestId = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
  }
  return requestId;
}
