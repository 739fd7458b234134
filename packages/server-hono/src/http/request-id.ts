import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { listHeader } from './request-header.js';

const acceptable = /^[\w.-]{1,100}$/;

/** This process's part of the ids it makes: 64 random bits, so processes never collide. */
const processPart = randomBytes(8).toString('hex');
let sequence = 0;

/**
 * The caller's `x-request-id` header value when it is sane, else a new id: this process's
 * random part and a sequence number (`4f0c…9e21-1042`). An id names a request in logs and
 * is no secret; a `randomUUID()` per request cost a small read over a microsecond.
 */
export function requestIdFor(given: string | undefined): string {
  return given && acceptable.test(given) ? given : `${processPart}-${++sequence}`;
}

/** The Hono context variables the app keeps per request. */
export type RequestIdEnv = { Variables: { requestId: string | undefined } };

/**
 * The request's id — the caller's `x-request-id` when it is sane, else a new one — chosen
 * once per request and kept on the context for error answers. Every answer sends it back
 * as `x-request-id`: `registerRoute` stamps it on the answers the context builds
 * (`stampRequestId`), the API's responder puts it in each answer it builds itself, and
 * problem answers carry it (`problemResponse`).
 */
export function requestIdOf(c: Context<RequestIdEnv>): string {
  let requestId = c.get('requestId');
  if (!requestId) {
    requestId = requestIdFor(listHeader(c, 'x-request-id'));
    c.set('requestId', requestId);
  }
  return requestId;
}

/**
 * The request's id (`requestIdOf`), set as the `x-request-id` header of the answer the
 * context builds (`c.json`, `c.body`…). Setting a header makes Hono keep a `Headers` object
 * for the answer, which costs a small request several microseconds: the API's JSON answers
 * carry the id in their own plain headers instead.
 */
export function stampRequestId(c: Context<RequestIdEnv>): string {
  const requestId = requestIdOf(c);
  c.header('x-request-id', requestId);
  return requestId;
}
