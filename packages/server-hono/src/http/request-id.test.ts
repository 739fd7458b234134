import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id.js';

describe('requestIdFor', () => {
  it('keeps a sane id the caller sent', () => {
    expect(requestIdFor('trace-42_a.b')).toBe('trace-42_a.b');
  });

  it('makes a new, distinct id, itself sane, for a missing or unsafe one', () => {
    const made = ['', undefined, 'has space', 'x'.repeat(101), 'a\nb'].map(requestIdFor);
    for (const id of made) expect(id).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(
      new Set([...made, ...Array.from({ length: 1000 }, () => requestIdFor(undefined))]).size,
    ).toBe(1005);
  });
});
