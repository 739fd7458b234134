import { type ScimError, scimMediaType, scimUrns } from '@switchboard/contract';
import { isSwitchboardError, type Logger, scimErrorTypeOf } from '@switchboard/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { defaultRetryAfterSeconds } from '../http/problem-response.js';
import { statusOf } from '../http/status-for-kind.js';

/**
 * A SCIM answer: JSON as `application/scim+json`, with the headers given (`etag`,
 * `location`) and the request's `x-request-id`.
 *
 * @example return scimAnswer(c, 201, scimUserOf(user, externalId, base), { location })
 */
export function scimAnswer(
  c: Context,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(body), status as 200, {
    ...headers,
    'content-type': scimMediaType,
  });
}

/** A SCIM error answer (RFC 7644 §3.12) of a status, with `Retry-After` on 429 and 503. */
export function scimErrorAnswer(
  c: Context,
  status: number,
  detail: string,
  options: {
    scimType?: ScimError['scimType'];
    headers?: Record<string, string>;
    retryAfter?: number;
  } = {},
): Response {
  const body: ScimError = {
    schemas: [scimUrns.error],
    status: String(status),
    ...(options.scimType ? { scimType: options.scimType } : {}),
    detail,
  };
  const headers = { ...options.headers };
  if (status === 429 || status === 503)
    headers['retry-after'] = String(
      Math.max(0, Math.ceil(options.retryAfter ?? defaultRetryAfterSeconds)),
    );
  return scimAnswer(c, status, body, headers);
}

/**
 * The SCIM error answer to what a SCIM handler threw: a `SwitchboardError` by its code's
 * status, its `scimType` (`uniqueness`, `invalidFilter`…) and its message with the code
 * (`… (last_admin)`); a client error Hono raised as 400 `invalidSyntax`; anything else 500,
 * logged with the request id, never sent.
 */
export function scimErrorOf(
  c: Context,
  error: unknown,
  requestId: string,
  logger: Pick<Logger, 'error'>,
): Response {
  if (isSwitchboardError(error)) {
    const scimType = scimErrorTypeOf(error);
    return scimErrorAnswer(c, statusOf(error.code), `${error.message} (${error.code})`, {
      ...(scimType ? { scimType } : {}),
      ...(error.code === 'unauthenticated' ? { headers: { 'www-authenticate': 'Bearer' } } : {}),
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return scimErrorAnswer(c, 400, error.message || 'Bad request', { scimType: 'invalidSyntax' });
  }
  logger.error('unhandled error', {
    requestId,
    error: error instanceof Error ? error.stack : String(error),
  });
  return scimErrorAnswer(c, 500, 'Something went wrong on our side (internal)');
}
