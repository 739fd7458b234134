import { describe, expect, it } from 'vitest';
import { randomPoolBytes } from './random-pool.js';

describe('randomPoolBytes', () => {
  it('hands out each byte once, across refills, and keeps what it handed out unchanged', () => {
    const first = randomPoolBytes(16);
    const copy = Buffer.from(first);
    const seen = new Set<string>([first.toString('hex')]);
    for (let i = 0; i < 1000; i++) {
      const bytes = randomPoolBytes(i % 2 === 0 ? 16 : 32);
      expect(bytes).toHaveLength(i % 2 === 0 ? 16 : 32);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(1001);
    expect(first.equals(copy)).toBe(true);
    expect(randomPoolBytes(10_000)).toHaveLength(10_000);
  });
});
