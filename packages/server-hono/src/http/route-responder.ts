import {
  acceptsIdempotencyKey,
  etagOf,
  type FieldIssue,
  hasControlCharacters,
  pathIdSchema,
  pathParameterNames,
} from '@switchboard/contract';
import type { Actor, Logger, OperatorActor, RequestContext, Switchboard } from '@switchboard/core';
import { SwitchboardError } from '@switchboard/core';
import type { Context } from 'hono';
import { clientAddress } from './client-address.js';
import { matchesIfNoneMatch, versionCondition } from './if-match.js';
import { idempotencyKeyOf, runKeyed } from './keyed-request.js';
import { readJsonBody } from './read-json-body.js';
import { requestIdOf } from './request-id.js';
import { versionOf } from './route-answer.js';
import type { RouteDefinition, RouteInput } from './route-definition.js';

export interface RouteResponderOptions {
  switchboard: Switchboard;
  authorize(route: RouteDefinition, c: Context): Promise<Actor | OperatorActor | null>;
  /** Largest accepted request body in bytes (`payload_too_large` past it). */
  maxBodyBytes: number;
  trustProxy: boolean;
  /** Refuse writes of versioned resources without `If-Match` (428). */
  requireIfMatch: boolean;
  logger: Pick<Logger, 'error'>;
}

/**
 * The Hono handler of one API route: authorizes the caller, hands the route's handler the
 * request (its path parameters checked, its body read on demand under the size limit, the
 * version it names in `If-Match`), and answers with the route's success status and, for a
 * versioned resource, its `ETag` (a `GET` naming it in `If-None-Match` gets 304). A `POST`
 * sent with an `Idempotency-Key` runs once per key (`runKeyed`). Errors go to the app's
 * `onError`. The core gets the request's id and client address on the caller's actor. Each
 * request is noted on `switchboard.serving`: webhook deliveries pace themselves meanwhile.
 *
 * Every answer it gives carries `x-request-id` (register it with `answersCarryRequestId`).
 * A JSON answer — nearly every request — is built with plain headers, not through the
 * context: a `Headers` object and the Node adapter's walk over it cost a small read about
 * a tenth of its time. Headers set on the context reach only the answers built through it
 * (no content, 304, a replayed or kept keyed answer, a download).
 */
export function routeResponder(
  route: RouteDefinition,
  options: RouteResponderOptions,
): (c: Context) => Promise<Response> {
  const { switchboard, maxBodyBytes, trustProxy, requireIfMatch, logger } = options;
  const { status } = route.response;
  const parameterNames = pathParameterNames(route.path);
  // A route whose answer shows a secret keeps it sealed: without a key ring it runs unkeyed.
  const keyed =
    acceptsIdempotencyKey(route) &&
    (route.answerHoldsSecret !== true || switchboard.idempotency.sealsAnswers);
  const conditionalGet = route.versioned === true && route.method === 'get';
  return async (c) => {
    // Background webhook deliveries give way while requests arrive.
    switchboard.serving.noteRequest();
    const caller = await options.authorize(route, c);
    const requestId = requestIdOf(c);
    const address = clientAddress(c, trustProxy);
    let request: RequestContext = { requestId, clientAddress: address };
    const acting = <A extends Actor | OperatorActor>(actor: A): A => ({ ...actor, request });
    let body: Promise<unknown> | undefined;
    const input: RouteInput = {
      switchboard,
      params: parameterNames.length === 0 ? {} : pathParameters(c, parameterNames),
      query: route.query ? c.req.query() : {},
      body: () => {
        body ??= readJsonBody(c, maxBodyBytes);
        return body as Promise<undefined>;
      },
      actor: () => {
        if (!caller || !('userId' in caller)) throw new SwitchboardError('unauthenticated');
        return acting(caller);
      },
      operator: () => {
        if (!caller || 'userId' in caller) throw new SwitchboardError('forbidden');
        return acting(caller);
      },
      condition: versionCondition(c, route, requireIfMatch),
      origin: { clientAddress: address, requestId },
      context: c,
    };
    const key = keyed ? idempotencyKeyOf(c) : undefined;
    if (key !== undefined && caller) {
      c.header('x-request-id', requestId);
      return runKeyed(c, {
        switchboard,
        route,
        caller,
        key,
        body: route.body ? await input.body() : undefined,
        requestId,
        logger,
        handle: (idempotency) => {
          request = { ...request, idempotency };
          return route.handle(input) as Promise<unknown>;
        },
      });
    }
    const result = await route.handle(input);
    // A download (an export) is streamed by its handler, headers and all.
    if (result instanceof Response) {
      result.headers.set('x-request-id', requestId);
      return result;
    }
    if (status === 204) {
      c.header('x-request-id', requestId);
      return c.body(null, 204);
    }
    const version = versionOf(route, result);
    const etag = version === undefined ? undefined : etagOf(version);
    if (version !== undefined && conditionalGet && matchesIfNoneMatch(c, version)) {
      c.header('x-request-id', requestId);
      c.header('etag', etag);
      return c.body(null, 304);
    }
    return jsonAnswer(result, status, requestId, etag);
  };
}

/** A JSON answer with its request id (and `ETag`), in plain headers the Node adapter writes as they are. */
function jsonAnswer(
  result: unknown,
  status: number,
  requestId: string,
  etag: string | undefined,
): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-request-id': requestId,
  };
  if (etag !== undefined) headers.etag = etag;
  return new Response(JSON.stringify(result), { status, headers });
}

/**
 * The route's path parameters (decoded), each checked with the contract's `pathIdSchema`:
 * `validation_failed` naming the parameter for an empty, overlong one or one with control
 * characters (`%00`), before any database sees it (PostgreSQL refuses NUL in text). A
 * well-formed id that names nothing stays the service's 404.
 */
function pathParameters(c: Context, names: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const name of names) {
    const value = c.req.param(name) ?? '';
    // The schema's own checks, without its cost on every request; it words the refusals.
    if (value.length >= 1 && value.length <= 200 && !hasControlCharacters(value)) {
      params[name] = value;
      continue;
    }
    const parsed = pathIdSchema.safeParse(value);
    if (parsed.success) params[name] = parsed.data;
    else issues.push({ path: name, message: parsed.error.issues[0]?.message ?? 'Not valid' });
  }
  if (issues.length > 0) {
    const named = issues.map((issue) => `"${issue.path}"`).join(', ');
    throw new SwitchboardError('validation_failed', `The path parameter ${named} is not valid`, {
      issues,
    });
  }
  return params;
}
