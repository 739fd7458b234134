import { type ErrorCode, errorTable, type FieldIssue, type Problem } from '@switchboard/contract';
import { statusOf } from './status-for-kind.js';

/** Where each problem type is described: `urn:switchboard:problem:email_taken`. */
export function problemType(code: ErrorCode): string {
  return `urn:switchboard:problem:${code}`;
}

/** An RFC 9457 `application/problem+json` response for an error code. */
export function problemResponse(
  code: ErrorCode,
  detail: string,
  extra: { issues?: FieldIssue[]; requestId?: string; retryAfter?: number } = {},
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
  const headers = new Headers({ 'content-type': 'application/problem+json' });
  if (extra.requestId) headers.set('x-request-id', extra.requestId);
  if (extra.retryAfter !== undefined)
    headers.set('retry-after', String(Math.ceil(extra.retryAfter)));
  return new Response(JSON.stringify(body), { status, headers });
}
