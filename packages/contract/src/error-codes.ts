/**
 * Every error a Switchboard API can answer with, by stable code, and its HTTP-neutral kind.
 *
 * @example
 * if (error.code === 'email_taken') showFieldError('email', error.detail);
 */
export const errorKinds = {
  validation_failed: 'invalid',
  unauthenticated: 'unauthenticated',
  invalid_credentials: 'unauthenticated',
  forbidden: 'forbidden',
  not_found: 'not_found',
  email_taken: 'conflict',
  integration_name_taken: 'conflict',
  last_admin: 'conflict',
  demo_number_limit: 'conflict',
  already_active: 'conflict',
  payload_too_large: 'invalid',
  two_factor_not_editable: 'invalid',
  integration_config_immutable: 'invalid',
  cannot_delete_self: 'invalid',
  contact_support: 'invalid',
  integration_unreachable: 'invalid',
  invalid_token: 'invalid',
  weak_password: 'invalid',
  invalid_code: 'invalid',
  wrong_password: 'invalid',
  rate_limited: 'rate_limited',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;

/** A stable, snake_case error code, e.g. `'email_taken'`. */
export type ErrorCode = keyof typeof errorKinds;

/** What sort of failure an error is, independent of any transport, e.g. `'conflict'`. */
export type ErrorKind = (typeof errorKinds)[ErrorCode];

/** All error codes, e.g. for exhaustive checks: `errorCodes.includes(code)`. */
export const errorCodes = Object.keys(errorKinds) as ErrorCode[];

/** One problem with one field of a request: `{ path: 'zip', message: 'Expected 12345 or 12345-6789' }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Short human titles per code, used as the problem+json `title`. */
export const errorTitles: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  unauthenticated: 'Authentication required',
  invalid_credentials: 'Email or password is wrong',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  email_taken: 'Email already in use',
  integration_name_taken: 'Integration name already in use',
  last_admin: 'The account must keep an admin',
  demo_number_limit: 'Demo accounts hold one phone number',
  already_active: 'User is already active',
  payload_too_large: 'Request body too large',
  two_factor_not_editable: 'Two-factor status cannot be changed by an admin',
  integration_config_immutable: 'Integration configuration cannot change',
  cannot_delete_self: 'You cannot delete yourself',
  contact_support: 'Please contact support',
  integration_unreachable: 'The service could not be reached with these credentials',
  invalid_token: 'The link is invalid or has expired',
  weak_password: 'Password does not meet the rules',
  invalid_code: 'The code is invalid or has expired',
  wrong_password: 'The current password is wrong',
  rate_limited: 'Too many attempts',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};
