import { isUsStateCode, isZipCode, toE164 } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { accountChanges } from './account-changes.js';

describe('toE164 (A1)', () => {
  it.each([
    ['(212) 555-0142', '+12125550142'],
    ['212.555.0142', '+12125550142'],
    ['1-212-555-0142', '+12125550142'],
    ['+1 212 555 0142', '+12125550142'],
    ['+44 20 7183 8750', '+442071838750'],
    ['+493012345678', '+493012345678'],
  ])('normalises %s to %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    ['555-0142', 'too short for NANP'],
    ['(112) 555-0142', 'area code starting with 1'],
    ['(212) 155-0142', 'exchange starting with 1'],
    ['+1 112 555 0142', 'E.164 +1 with an invalid NANP area code'],
    ['+0123456789', 'country code 0'],
    ['+1234567890123456', 'longer than 15 digits'],
    ['call me', 'letters'],
    ['', 'empty'],
  ])('rejects %s (%s)', (input) => {
    expect(toE164(input)).toBeNull();
  });
});

describe('isUsStateCode (A1)', () => {
  it('accepts states, DC and territories in any case', () => {
    for (const code of ['NY', 'ca', 'DC', 'PR', 'gu']) expect(isUsStateCode(code)).toBe(true);
  });
  it('rejects unknown codes', () => {
    for (const code of ['XX', 'N', 'NYC', '']) expect(isUsStateCode(code)).toBe(false);
  });
});

describe('isZipCode (A1)', () => {
  it('accepts 12345 and 12345-6789', () => {
    expect(isZipCode('02110')).toBe(true);
    expect(isZipCode('02110-1234')).toBe(true);
  });
  it('rejects other shapes', () => {
    for (const zip of ['2110', '021101', '02110-123', '02110 1234', 'abcde'])
      expect(isZipCode(zip)).toBe(false);
  });
});

describe('accountChanges', () => {
  const account = {
    id: 'acc_x',
    companyName: 'Acme',
    address: null,
    city: 'Boston',
    state: 'MA',
    zip: null,
    phoneNumber: null,
    demo: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };

  it('keeps only fields whose value differs', () => {
    expect(accountChanges(account, { companyName: 'Acme', city: 'Albany', zip: null })).toEqual({
      city: 'Albany',
    });
  });

  it('treats clearing a set field as a change', () => {
    expect(accountChanges(account, { city: null })).toEqual({ city: null });
  });
});
