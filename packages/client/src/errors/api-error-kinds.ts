import { SwitchboardApiError } from './switchboard-api-error.js';

/** 400 `validation_failed` (see `issues`) or 413 `payload_too_large`. */
export class ValidationError extends SwitchboardApiError {
  override name = 'ValidationError';
}

/** 401: no, unknown or expired token, or a failed sign-in (`invalid_credentials`). */
export class UnauthenticatedError extends SwitchboardApiError {
  override name = 'UnauthenticatedError';
}

/** 403: signed in, but not allowed (not an admin, not the operator). */
export class ForbiddenError extends SwitchboardApiError {
  override name = 'ForbiddenError';
}

/** 404: no such thing in your account. */
export class NotFoundError extends SwitchboardApiError {
  override name = 'NotFoundError';
}

/** 409: the state does not allow it (`email_taken`, `last_admin`…). */
export class ConflictError extends SwitchboardApiError {
  override name = 'ConflictError';
}

/** 422: understood but refused (`weak_password`, `two_factor_not_editable`…). */
export class UnprocessableError extends SwitchboardApiError {
  override name = 'UnprocessableError';
}

/** 429: too many failed attempts; wait `retryAfter` seconds. */
export class RateLimitedError extends SwitchboardApiError {
  override name = 'RateLimitedError';
}

/** 5xx, or an answer that is not a Switchboard problem (a proxy's error page). */
export class ServerError extends SwitchboardApiError {
  override name = 'ServerError';
}

const byStatus: Record<number, typeof SwitchboardApiError> = {
  400: ValidationError,
  401: UnauthenticatedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: ValidationError,
  422: UnprocessableError,
  429: RateLimitedError,
};

/** The error class for an HTTP status. */
export function apiErrorClassFor(status: number): typeof SwitchboardApiError {
  return byStatus[status] ?? (status >= 500 ? ServerError : SwitchboardApiError);
}

const apiErrorNames = new Set([
  'SwitchboardApiError',
  ...Object.values(byStatus).map((c) => c.name),
  'ServerError',
]);

/**
 * True for any Switchboard API error — also one from another copy of this package or
 * another realm — optionally only for one `code`.
 *
 * @example if (isSwitchboardApiError(e, 'last_admin')) alert(e.detail);
 */
export function isSwitchboardApiError(error: unknown, code?: string): error is SwitchboardApiError {
  return (
    error instanceof Error &&
    apiErrorNames.has(error.name) &&
    'status' in error &&
    (code === undefined || (error as SwitchboardApiError).code === code)
  );
}
