import { describe, expect, it } from 'vitest';
import { errorCodes, errorTable, isErrorCode } from './error-codes.js';

/**
 * The codes of the error table in API.md (the HTTP contract), by the status it gives them,
 * and the two protocol answers this contract adds to it (405 and 415, see docs/hosting.md).
 */
const apiDocumentCodes: Record<number, string[]> = {
  400: ['validation_failed'],
  401: ['unauthenticated', 'invalid_credentials'],
  403: ['forbidden'],
  404: ['not_found'],
  405: ['method_not_allowed'],
  409: [
    'email_taken',
    'integration_name_taken',
    'last_admin',
    'demo_number_limit',
    'webhook_endpoint_limit',
    'already_active',
    'user_deactivated',
    'idempotency_key_in_use',
  ],
  412: ['precondition_failed'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  422: [
    'two_factor_not_editable',
    'integration_config_immutable',
    'cannot_delete_self',
    'contact_support',
    'integration_unreachable',
    'invalid_token',
    'weak_password',
    'invalid_code',
    'wrong_password',
    'idempotency_key_reused',
    'cannot_deactivate_self',
  ],
  428: ['precondition_required'],
  429: ['rate_limited'],
  500: ['internal'],
  503: ['unavailable'],
};

describe('errorTable', () => {
  it('has exactly the codes of the contract document, each with a kind and a title', () => {
    expect([...errorCodes].sort()).toEqual(Object.values(apiDocumentCodes).flat().sort());
    for (const code of errorCodes) {
      expect(errorTable[code].title, code).not.toBe('');
      expect(errorTable[code].kind, code).toMatch(/^[a-z_]+$/);
    }
  });

  it('gives codes of one status one kind, and codes of different statuses different kinds', () => {
    const kindsByStatus = Object.entries(apiDocumentCodes).map(
      ([status, codes]) =>
        [
          status,
          new Set(codes.map((code) => errorTable[code as keyof typeof errorTable].kind)),
        ] as const,
    );
    for (const [status, kinds] of kindsByStatus) expect(kinds.size, status).toBe(1);
    const kinds = kindsByStatus.map(([, set]) => [...set][0]);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('tells contract codes from others', () => {
    expect(isErrorCode('email_taken')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('unknown')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
