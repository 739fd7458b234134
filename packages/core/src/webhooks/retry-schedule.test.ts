import { describe, expect, it } from 'vitest';
import { defaultMaxAttempts, retryAfterMs, retryDelayMs } from './retry-schedule.js';

const hour = 3_600_000;

describe('retryDelayMs', () => {
  it('backs off exponentially from 30 s, capped at 6 hours', () => {
    const middle = () => 0.5;
    expect(retryDelayMs(1, middle)).toBe(30_000);
    expect(retryDelayMs(2, middle)).toBe(90_000);
    expect(retryDelayMs(3, middle)).toBe(270_000);
    expect(retryDelayMs(10, middle)).toBe(6 * hour);
  });

  it('spreads each wait by ±20 % (jitter)', () => {
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 0.999999)).toBeCloseTo(36_000, -1);
  });

  it('keeps trying for at least 24 hours in at least 8 attempts, even with the shortest jitter', () => {
    expect(defaultMaxAttempts).toBeGreaterThanOrEqual(8);
    let total = 0;
    for (let attempt = 1; attempt < defaultMaxAttempts; attempt++)
      total += retryDelayMs(attempt, () => 0);
    expect(total).toBeGreaterThanOrEqual(24 * hour);
    let longest = 0;
    for (let attempt = 1; attempt < defaultMaxAttempts; attempt++)
      longest += retryDelayMs(attempt, () => 0.999999);
    expect(longest).toBeLessThan(48 * hour);
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-11-23T09:00:00.000Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:10:00 GMT', now)).toBe(600_000);
  });

  it('ignores what is missing or malformed, and caps the wait at 24 hours', () => {
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('999999999', now)).toBe(24 * hour);
    expect(retryAfterMs('Mon, 23 Nov 2026 08:00:00 GMT', now)).toBe(0);
  });
});
