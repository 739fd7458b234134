/**
 * What sort of failure an error is, independent of any transport, fine enough that a server
 * maps each kind to exactly one HTTP status (`invalid` 400, `too_large` 413, `unprocessable`
 * 422…) and a client picks its error class from it.
 *
 * @example if (errorTable[code].kind === 'conflict') reloadAndRetry();
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'precondition_failed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'precondition_required'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

/** The kind and the short human title (the problem+json `title`) of one error code. */
export interface ErrorDefinition {
  kind: ErrorKind;
  title: string;
}

/**
 * The one table of every error a Switchboard API can answer with: stable code → its kind
 * and title. Servers map the kind to a status; clients map it to an error class.
 *
 * @example
 * const { kind, title } = errorTable.email_taken; // { kind: 'conflict', title: 'Email already in use' }
 */
export const errorTable = {
  validation_failed: { kind: 'invalid', title: 'The request is not valid' },
  unauthenticated: { kind: 'unauthenticated', title: 'Authentication required' },
  invalid_credentials: { kind: 'unauthenticated', title: 'Email or password is wrong' },
  forbidden: { kind: 'forbidden', title: 'Not allowed' },
  not_found: { kind: 'not_found', title: 'Not found' },
  method_not_allowed: { kind: 'method_not_allowed', title: 'Method not allowed on this path' },
  email_taken: { kind: 'conflict', title: 'Email already in use' },
  integration_name_taken: { kind: 'conflict', title: 'Integration name already in use' },
  last_admin: { kind: 'conflict', title: 'The account must keep an admin' },
  demo_number_limit: { kind: 'conflict', title: 'Demo accounts hold one phone number' },
  webhook_endpoint_limit: {
    kind: 'conflict',
    title: 'The account has as many webhook endpoints as it may',
  },
  already_active: { kind: 'conflict', title: 'User is already active' },
  user_deactivated: {
    kind: 'conflict',
    title: 'The user is deactivated: reactivate them first',
  },
  idempotency_key_in_use: {
    kind: 'conflict',
    title: 'A request with this idempotency key is still running',
  },
  precondition_failed: {
    kind: 'precondition_failed',
    title: 'The resource changed since the version you named',
  },
  payload_too_large: { kind: 'too_large', title: 'Request body too large' },
  unsupported_media_type: {
    kind: 'unsupported_media_type',
    title: 'The request body must be JSON (Content-Type: application/json)',
  },
  two_factor_not_editable: {
    kind: 'unprocessable',
    title: 'Two-factor status cannot be changed by an admin',
  },
  integration_config_immutable: {
    kind: 'unprocessable',
    title: 'Integration configuration cannot change',
  },
  cannot_delete_self: { kind: 'unprocessable', title: 'You cannot delete yourself' },
  cannot_deactivate_self: { kind: 'unprocessable', title: 'You cannot deactivate yourself' },
  contact_support: { kind: 'unprocessable', title: 'Please contact support' },
  integration_unreachable: {
    kind: 'unprocessable',
    title: 'The service could not be reached with these credentials',
  },
  invalid_token: { kind: 'unprocessable', title: 'The link is invalid or has expired' },
  weak_password: { kind: 'unprocessable', title: 'Password does not meet the rules' },
  invalid_code: { kind: 'unprocessable', title: 'The code is invalid or has expired' },
  wrong_password: { kind: 'unprocessable', title: 'The current password is wrong' },
  idempotency_key_reused: {
    kind: 'unprocessable',
    title: 'This idempotency key was used for another request',
  },
  precondition_required: {
    kind: 'precondition_required',
    title: 'Name the version you change (If-Match)',
  },
  rate_limited: { kind: 'rate_limited', title: 'Too many attempts' },
  internal: { kind: 'internal', title: 'Internal error' },
  unavailable: { kind: 'unavailable', title: 'Service unavailable' },
} as const satisfies Record<string, ErrorDefinition>;

/** A stable, snake_case error code, e.g. `'email_taken'`. */
export type ErrorCode = keyof typeof errorTable;

/** All error codes, e.g. for exhaustive checks: `errorCodes.includes(code)`. */
export const errorCodes = Object.keys(errorTable) as ErrorCode[];

/** True when `code` is one of the contract's error codes (a newer server may send others). @example if (isErrorCode(problem.code)) errorTable[problem.code].kind */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorTable, code);
}

/** One problem with one field of a request: `{ path: 'zip', message: 'Expected 12345 or 12345-6789' }`. */
export interface FieldIssue {
  path: string;
  message: string;
}
