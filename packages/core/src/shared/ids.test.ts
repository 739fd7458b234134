import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('is the prefix and 26 lower-case base32 characters (128 bits)', () => {
    expect(newId('usr')).toMatch(/^usr_[0-9a-z]{26}$/);
  });
  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('acc')));
    expect(ids.size).toBe(1000);
  });
});
