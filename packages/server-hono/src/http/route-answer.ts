import { etagOf, type RouteDescriptor } from '@switchboard/contract';
import type { KeptAnswer } from '@switchboard/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The version of a versioned route's result, if it carries one. */
export function versionOf(route: RouteDescriptor, result: unknown): number | undefined {
  if (!route.versioned || typeof result !== 'object' || result === null) return undefined;
  const { version } = result as { version?: unknown };
  return typeof version === 'number' ? version : undefined;
}

/**
 * The whole answer a route gives for the result of its service call: the success status,
 * the body as the route's response schema has it (what a handler shapes — `{ accepted:
 * true }`, no activation link — the schema shapes alike), and the resource's `ETag`. This is
 * what a request sent with an idempotency key keeps, in the transaction of its change.
 */
export function answerOf(route: RouteDescriptor, result: unknown): KeptAnswer {
  const { status, schema } = route.response;
  if (status === 204 || !schema) return { status, headers: {}, body: '' };
  const body = status === 202 ? { accepted: true } : schema.parse(result);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const version = versionOf(route, body);
  if (version !== undefined) headers.etag = etagOf(version);
  return { status, headers, body: JSON.stringify(body) };
}

/** Sends a kept answer as it was first given; a replay says so (`Idempotent-Replayed: true`). */
export function sendAnswer(c: Context, answer: KeptAnswer, replayed: boolean): Response {
  const headers: Record<string, string> = { ...answer.headers };
  if (replayed) headers['idempotent-replayed'] = 'true';
  if (answer.status === 204) return c.body(null, 204, headers);
  return c.body(answer.body, answer.status as ContentfulStatusCode, headers);
}
