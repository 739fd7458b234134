import { describe, expect, it } from 'vitest';
import { timestamptzToIso } from './postgres-dialect.js';

describe('timestamptzToIso', () => {
  it('gives what new Date(value).toISOString() gives, in and out of UTC', () => {
    for (const value of [
      '2026-11-23 05:00:00.123+00',
      '2026-11-23 05:00:00.12+00',
      '2026-11-23 05:00:00.1+00',
      '2026-11-23 05:00:00+00',
      '2026-11-23 05:00:00.123456+00',
      '2026-11-23 05:00:00.999999+00',
      '2024-02-29 23:59:59.5+00',
      '2026-11-23 07:00:00.5+02',
      '2026-11-23 00:30:00-03:30',
    ]) {
      expect(timestamptzToIso(value)).toBe(new Date(value).toISOString());
    }
  });
});
