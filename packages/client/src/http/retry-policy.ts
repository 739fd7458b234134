import { acceptsIdempotencyKey, type RouteDescriptor } from '@switchboard/contract';
import { type HTTPError, isHTTPError, type RetryOptions, type ShouldRetryState } from 'ky';
import { retryAfterSeconds } from './retry-after-seconds.js';
import { retryJitter } from './retry-jitter.js';

/** The longest `Retry-After` worth waiting for inside one call; past it the caller decides. */
const longestRetryWaitSeconds = 10;

function asksToWaitTooLong(error: HTTPError): boolean {
  const wait = retryAfterSeconds(error.response.headers.get('retry-after'));
  return wait !== undefined && wait > longestRetryWaitSeconds;
}

/** Vetoes a retry the server asked to postpone too long; otherwise ky's own rules decide. */
function shouldRetryRead({ error }: ShouldRetryState): false | undefined {
  return isHTTPError(error) && asksToWaitTooLong(error) ? false : undefined;
}

/**
 * As `shouldRetryRead`, and of the 409s only `idempotency_key_in_use` (the first request
 * with the key is still running): `email_taken` and the other conflicts would fail again.
 */
function shouldRetryKeyedPost({ error }: ShouldRetryState): false | undefined {
  if (!isHTTPError(error)) return undefined;
  if (asksToWaitTooLong(error)) return false;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return error.response.status === 409 && code !== 'idempotency_key_in_use' ? false : undefined;
}

const backOff = {
  backoffLimit: 5_000,
  jitter: (delay: number) => retryJitter(delay),
  // A timed-out attempt is not repeated: `timeoutMs` bounds what the caller waits for.
  retryOnTimeout: false,
} satisfies RetryOptions;

/**
 * How ky retries one route's calls, `limit` times at most, with exponential back-off and
 * jitter, waiting out a `Retry-After` of up to 10 s exactly (a longer one is thrown at once):
 *
 * - GET, PUT and DELETE: on connection errors, 408, 429 and 5xx.
 * - A POST that carries an `Idempotency-Key` (C2; the same key on every attempt): on
 *   connection errors, 409 `idempotency_key_in_use` and 503 — the server runs the key's
 *   request once and replays its answer, so a repeat creates nothing twice.
 * - PATCH and the POSTs of `/v1/auth/*`: never.
 *
 * @example ky(path, { method: route.method, retry: retryPolicy(route, 2) })
 */
export function retryPolicy(
  route: Pick<RouteDescriptor, 'method' | 'path'>,
  limit: number,
): RetryOptions {
  if (acceptsIdempotencyKey(route)) {
    return {
      ...backOff,
      limit,
      methods: ['post'],
      statusCodes: [409, 503],
      afterStatusCodes: [409, 503],
      shouldRetry: shouldRetryKeyedPost,
    };
  }
  return {
    ...backOff,
    limit,
    methods: ['get', 'put', 'delete'],
    statusCodes: [408, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    shouldRetry: shouldRetryRead,
  };
}
