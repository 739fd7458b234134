import { describe, expect, it } from 'vitest';
import { isTollFreeNumber, randomTollFreeNumber, tollFreeNpas } from './toll-free-number.js';

describe('toll-free numbers (P3)', () => {
  it('are valid NANP toll-free numbers in E.164, from every toll-free NPA', () => {
    const npas = new Set<string>();
    let seed = 0;
    const random = (max: number) => (seed++ * 7919) % max;
    for (let i = 0; i < 2000; i++) {
      const number = randomTollFreeNumber(random);
      expect(isTollFreeNumber(number), number).toBe(true);
      npas.add(number.slice(2, 5));
    }
    expect([...npas].sort()).toEqual([...tollFreeNpas].sort());
  });

  it('recognise what is not toll-free', () => {
    for (const number of ['+12125550142', '+18001555555', '+1800555555', '+448001234567']) {
      expect(isTollFreeNumber(number)).toBe(false);
    }
  });
});
