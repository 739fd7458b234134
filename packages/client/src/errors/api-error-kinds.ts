import { type ErrorCode, type ErrorKind, errorTable, isErrorCode } from '@switchboard/contract';
import { SwitchboardApiError } from './switchboard-api-error.js';

/** 400 `validation_failed` (see `issues`), 413 `payload_too_large`, or a request the API cannot take at all: 405 `method_not_allowed`, 415 `unsupported_media_type`. @example if (e instanceof ValidationError) showIssues(e.issues); */
export class ValidationError extends SwitchboardApiError {
  override name = 'ValidationError';
}

/** 401: no, unknown or expired token, or a failed sign-in (`invalid_credentials`). @example if (e instanceof UnauthenticatedError) goToSignIn(); */
export class UnauthenticatedError extends SwitchboardApiError {
  override name = 'UnauthenticatedError';
}

/** 403: signed in, but not allowed (not an admin, not the operator). @example if (e instanceof ForbiddenError) hideAdminMenu(); */
export class ForbiddenError extends SwitchboardApiError {
  override name = 'ForbiddenError';
}

/** 404: no such thing in your account. @example if (e instanceof NotFoundError) return null; */
export class NotFoundError extends SwitchboardApiError {
  override name = 'NotFoundError';
}

/** 409: the state does not allow it (`email_taken`, `last_admin`…). @example if (e instanceof ConflictError) alert(e.detail); */
export class ConflictError extends SwitchboardApiError {
  override name = 'ConflictError';
}

/** 412 `precondition_failed` (the version named in `If-Match` is no longer current) or 428 `precondition_required` (the server wants `If-Match`): read the resource again and retry with its version. @example if (e instanceof PreconditionFailedError) reloadAndRetry(); */
export class PreconditionFailedError extends SwitchboardApiError {
  override name = 'PreconditionFailedError';
}

/** 422: understood but refused (`weak_password`, `two_factor_not_editable`…). @example if (e instanceof UnprocessableError) alert(e.detail); */
export class UnprocessableError extends SwitchboardApiError {
  override name = 'UnprocessableError';
}

/** 429: too many failed attempts; wait `retryAfter` seconds. @example if (e instanceof RateLimitedError) wait(e.retryAfter); */
export class RateLimitedError extends SwitchboardApiError {
  override name = 'RateLimitedError';
}

/** 5xx, or an answer that is not a Switchboard problem (a proxy's error page). @example if (e instanceof ServerError) retryLater(); */
export class ServerError extends SwitchboardApiError {
  override name = 'ServerError';
}

/** The class of each kind of the contract's `errorTable`. */
const byKind: Record<ErrorKind, typeof SwitchboardApiError> = {
  invalid: ValidationError,
  too_large: ValidationError,
  method_not_allowed: ValidationError,
  unsupported_media_type: ValidationError,
  unauthenticated: UnauthenticatedError,
  forbidden: ForbiddenError,
  not_found: NotFoundError,
  conflict: ConflictError,
  precondition_failed: PreconditionFailedError,
  precondition_required: PreconditionFailedError,
  unprocessable: UnprocessableError,
  rate_limited: RateLimitedError,
  internal: ServerError,
  unavailable: ServerError,
};

/** For answers that are not a Switchboard problem (a proxy's page, a code from a newer server). */
const byStatus: Record<number, typeof SwitchboardApiError> = {
  400: ValidationError,
  401: UnauthenticatedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  405: ValidationError,
  413: ValidationError,
  415: ValidationError,
  422: UnprocessableError,
  428: PreconditionFailedError,
  429: RateLimitedError,
};

/**
 * The error class for an answer (internal): by the kind of its problem's `code` in the
 * contract's error table, else — not a Switchboard problem, or a code this client does not
 * know — by the HTTP status.
 */
export function apiErrorClassFor(
  code: string | undefined,
  status: number,
): typeof SwitchboardApiError {
  if (isErrorCode(code)) return byKind[errorTable[code].kind];
  return byStatus[status] ?? (status >= 500 ? ServerError : SwitchboardApiError);
}

// Literal names, not `Class.name`: a consumer's minifier may rename classes, never strings.
const apiErrorNames: ReadonlySet<string> = new Set([
  'SwitchboardApiError',
  'ValidationError',
  'UnauthenticatedError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
  'PreconditionFailedError',
  'UnprocessableError',
  'RateLimitedError',
  'ServerError',
]);

/**
 * True for any Switchboard API error — also one from another copy of this package or
 * another realm (it matches on `name`, not `instanceof`) — optionally only for one `code`.
 *
 * @example if (isSwitchboardApiError(e, 'last_admin')) alert(e.detail);
 */
export function isSwitchboardApiError(
  error: unknown,
  code?: ErrorCode | (string & {}),
): error is SwitchboardApiError {
  if (typeof error !== 'object' || error === null) return false;
  const { name, status } = error as { name?: unknown; status?: unknown };
  return (
    typeof name === 'string' &&
    apiErrorNames.has(name) &&
    typeof status === 'number' &&
    (code === undefined || (error as { code?: unknown }).code === code)
  );
}
