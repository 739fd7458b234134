import type { ErrorCode } from '@switchboard/contract';

/** The one table from error code to HTTP status. */
export const statusForCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  email_taken: 409,
  integration_name_taken: 409,
  last_admin: 409,
  demo_number_limit: 409,
  already_active: 409,
  payload_too_large: 413,
  two_factor_not_editable: 422,
  integration_config_immutable: 422,
  cannot_delete_self: 422,
  contact_support: 422,
  integration_unreachable: 422,
  invalid_token: 422,
  weak_password: 422,
  invalid_code: 422,
  wrong_password: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};
