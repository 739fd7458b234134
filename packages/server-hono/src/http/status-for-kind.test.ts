import { errorCodes } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { statusOf } from './status-for-kind.js';

/**
 * The error table of API.md (the HTTP contract), and the 405 and 415 this server adds to
 * it (docs/hosting.md): the status of every code.
 */
const contractStatus: Record<string, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  integration_name_taken: 409,
  last_admin: 409,
  demo_number_limit: 409,
  already_active: 409,
  user_deactivated: 409,
  webhook_endpoint_limit: 409,
  idempotency_key_in_use: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  two_factor_not_editable: 422,
  integration_config_immutable: 422,
  cannot_delete_self: 422,
  contact_support: 422,
  integration_unreachable: 422,
  invalid_token: 422,
  weak_password: 422,
  invalid_code: 422,
  wrong_password: 422,
  idempotency_key_reused: 422,
  cannot_deactivate_self: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

describe('statusOf (through statusForKind)', () => {
  it('gives every code the status of the contract’s error table', () => {
    expect(Object.fromEntries(errorCodes.map((code) => [code, statusOf(code)]))).toEqual(
      contractStatus,
    );
  });
});
