import { describe, expect, it } from 'vitest';
import { emailKey, isPlausibleEmail } from './email-key.js';

describe('emailKey (U1)', () => {
  const key = emailKey('ada@x.io');

  it.each([
    ['upper case', 'ADA@X.IO'],
    ['surrounding spaces', '  ada@x.io '],
    ['a full-width at sign', 'ada＠x.io'],
    ['full-width letters', 'ａｄａ@x.io'],
  ])('makes %s collide', (_, variant) => {
    expect(emailKey(variant)).toBe(key);
  });

  it('makes NFC and NFD spellings of an accent collide', () => {
    expect(emailKey('re\u0301my@x.io')).toBe(emailKey('r\u00e9my@x.io'));
  });

  it('makes a Kelvin sign collide with the letter k', () => {
    expect(emailKey('\u212Aim@x.io')).toBe(emailKey('kim@x.io'));
  });

  it('keeps different addresses apart', () => {
    expect(emailKey('ada@x.io')).not.toBe(emailKey('ada@y.io'));
  });
});

describe('isPlausibleEmail', () => {
  it('accepts ordinary and full-width-at addresses', () => {
    expect(isPlausibleEmail('ada@example.com')).toBe(true);
    expect(isPlausibleEmail('ada＠example.com')).toBe(true);
  });
  it('rejects non-addresses', () => {
    for (const value of ['ada', 'ada@', '@x.io', 'ada@x', 'a da@x.io'])
      expect(isPlausibleEmail(value)).toBe(false);
  });
});
