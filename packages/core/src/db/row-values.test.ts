import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './row-values.js';

describe('isoTimestamp', () => {
  it('gives what toISOString() gives, for canonical strings, other forms and Dates', () => {
    const samples = [
      '2026-11-23T04:39:41.959Z',
      '2026-01-01T00:00:00.000Z',
      '2026-01-10T09:59:59.000Z',
      '2026-01-19T10:00:00.000Z',
      '2026-01-20T19:00:00.000Z',
      '2026-03-30T20:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '2024-02-28T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z',
      '2023-02-29T12:00:00.000Z',
      '2024-04-31T00:00:00.000Z',
      '2024-12-31T00:00:00.000Z',
      '2024-01-01 10:00:00+02',
      '2024-01-01T10:00:00+02:00',
      '2024-01-01T10:00:00Z',
      '0000-01-01T00:00:00.000Z',
    ];
    for (const value of samples) {
      expect(isoTimestamp(value)).toBe(new Date(value).toISOString());
    }
    const now = new Date();
    expect(isoTimestamp(now)).toBe(now.toISOString());
  });
});
