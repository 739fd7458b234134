import { type ErrorCode, errorTable, type FieldIssue, type Problem } from '@switchboard/contract';
import { statusOf } from './status-for-kind.js';

/**
 * Seconds a caller is told to wait after a `rate_limited` or `unavailable` answer whose
 * error named no time of its own: such an answer always carries `Retry-After`.
 */
export const defaultRetryAfterSeconds = 5;

/** Where each problem type is described: `urn:switchboard:problem:email_taken`. */
export function problemType(code: ErrorCode): string {
  return `urn:switchboard:problem:${code}`;
}

/** What a problem answer may carry besides its code and detail. */
export interface ProblemExtra {
  issues?: FieldIssue[];
  requestId?: string;
  /** Seconds to wait (`Retry-After`); defaulted for `rate_limited` and `unavailable`. */
  retryAfter?: number;
  /** More headers, e.g. `{ allow: 'GET, HEAD' }` on a 405. */
  headers?: Record<string, string>;
}

/**
 * An RFC 9457 `application/problem+json` response for an error code, with `x-request-id`
 * and, for `rate_limited` and `unavailable`, `Retry-After`.
 *
 * @example problemResponse('not_found', 'No route GET /v1/nothing', { requestId })
 */
export function problemResponse(
  code: ErrorCode,
  detail: string,
  extra: ProblemExtra = {},
): Response {
  const status = statusOf(code);
  const body: Problem = {
    type: problemType(code),
    title: errorTable[code].title,
    status,
    code,
    detail,
    ...(extra.issues ? { issues: extra.issues } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
  };
  const headers = new Headers(extra.headers);
  headers.set('content-type', 'application/problem+json');
  if (extra.requestId) headers.set('x-request-id', extra.requestId);
  const { kind } = errorTable[code];
  const retryAfter =
    extra.retryAfter ??
    (kind === 'rate_limited' || kind === 'unavailable' ? defaultRetryAfterSeconds : undefined);
  if (retryAfter !== undefined)
    headers.set('retry-after', String(Math.max(0, Math.ceil(retryAfter))));
  return new Response(JSON.stringify(body), { status, headers });
}
