import { describe, expect, it } from 'vitest';
import { epochMsOf, isoTime } from './iso-time.js';

/** A deterministic spread of instants over 1970–9999 (a linear congruential walk). */
function* instants(count: number): Generator<number> {
  let seed = 12_345;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield Math.floor((seed / 2_147_483_648) * 253_402_300_800_000);
  }
}

const edges = [
  0,
  1,
  999,
  1000,
  86_399_999,
  Date.UTC(2000, 1, 29, 12),
  Date.UTC(2100, 1, 28, 23, 59, 59, 999),
  Date.UTC(2100, 2, 1),
  Date.UTC(2024, 11, 31, 23, 59, 59, 999),
  Date.UTC(2026, 11, 4, 9, 5, 7, 42),
  253_402_300_799_999,
];

describe('isoTime', () => {
  it('writes what toISOString() writes, over 1970–9999 and at the edges', () => {
    for (const ms of [...edges, ...instants(20_000)]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes the same when called again in the same second, and in the next', () => {
    const start = Date.UTC(2026, 11, 4, 10, 15, 30, 998);
    for (let ms = start; ms < start + 2010; ms++) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('leaves times outside 1970–9999 to Date, and fails as it does on no time', () => {
    for (const ms of [-1, -86_400_001, 253_402_300_800_000, 1.5]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('epochMsOf', () => {
  it('reads what toISOString() writes as Date.parse does', () => {
    for (const ms of [...edges, ...instants(20_000)]) {
      const iso = new Date(ms).toISOString();
      expect(epochMsOf(iso)).toBe(ms);
    }
  });

  it('rolls a day past its month over as Date does, and reads year 0000', () => {
    for (const iso of [
      '2026-02-29T00:00:00.000Z',
      '2026-02-31T23:59:59.999Z',
      '2024-02-30T12:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '0000-03-01T00:00:00.000Z',
    ]) {
      expect(epochMsOf(iso)).toBe(Date.parse(iso));
    }
  });

  it('leaves every other form to Date.parse', () => {
    for (const text of [
      '2024-01-01 10:00:00+02',
      '2024-01-01T10:00:00Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      'not a time',
    ]) {
      expect(epochMsOf(text)).toEqual(Date.parse(text));
    }
  });
});
