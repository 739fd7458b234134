import { type ErrorCode, type ErrorKind, errorTable } from '@switchboard/contract';

/**
 * The one table from error kind to HTTP status; a code's status is its kind's
 * (`errorTable` in the contract gives each code its kind).
 *
 * @example statusForKind[errorTable.email_taken.kind] // 409
 */
export const statusForKind: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** The HTTP status of an error code, through its kind. @example statusOf('weak_password') // 422 */
export function statusOf(code: ErrorCode): number {
  return statusForKind[errorTable[code].kind];
}
