import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { ManualClock } from '../../test/support/manual-clock.js';
import { type TestDatabaseKind, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { defaultRateLimits, type LimitedKey, RateLimiter } from './rate-limiter.js';

const options = defaultRateLimits;
const byEmail: LimitedKey = {
  key: 'sign-in:email:ada@acme.test:address:203.0.113.9',
  limit: 10,
  clearOnSuccess: true,
};
const byAddress: LimitedKey = { key: 'sign-in:address:203.0.113.9', limit: 100 };

describe.each(testDatabaseKinds)('rate limiter on $name', (kind: TestDatabaseKind) => {
  let t: TestSwitchboard;
  afterEach(async () => {
    await t.close();
  });

  /** An attempt as a service makes it: take, then evaluate (here: always wrong). */
  async function attempt(limiter: RateLimiter, evaluated: { count: number }) {
    try {
      await limiter.take([byEmail, byAddress]);
    } catch (error) {
      if (isSwitchboardError(error, 'rate_limited')) return 'limited';
      throw error;
    }
    evaluated.count++;
    return 'evaluated';
  }

  it('evaluates at most the limit of 40 simultaneous attempts across two instances (item 7)', async () => {
    t = await createTestSwitchboard(kind);
    const other = await t.another();
    const clock = new ManualClock();
    const limiters = [
      new RateLimiter({ db: t.sb.db, clock }, options),
      new RateLimiter({ db: other.db, clock }, options),
    ];
    // Connections open first, so that the attempts really race.
    for (const sb of [t.sb, other])
      await sb.db.selectFrom('rate_limits').select('key_hash').execute();
    const evaluated = { count: 0 };
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(limiters[i % 2] as RateLimiter, evaluated)),
    );
    expect(evaluated.count).toBe(10);
    expect(outcomes.filter((o) => o === 'limited')).toHaveLength(30);
  });

  it('refuses with the seconds left in the window, and lets attempts through again in a new window', async () => {
    t = await createTestSwitchboard(kind);
    const clock = new ManualClock();
    const limiter = new RateLimiter({ db: t.sb.db, clock }, options);
    for (let i = 0; i < 10; i++) await limiter.take([byEmail, byAddress]);
    clock.advance(600_000);
    const error = await failure(limiter.take([byEmail, byAddress]));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfter: 300 });
    clock.advance(300_000);
    await limiter.take([byEmail, byAddress]);
  });

  it('never counts a success: the email’s key is cleared, the address’s attempt given back', async () => {
    t = await createTestSwitchboard(kind);
    const clock = new ManualClock();
    const limiter = new RateLimiter({ db: t.sb.db, clock }, { ...options, perAddress: 3 });
    const address = { ...byAddress, limit: 3 };
    for (let i = 0; i < 10; i++) {
      const taken = await limiter.take([byEmail, address]);
      await taken.succeeded();
    }
    const counts = await t.sb.db.selectFrom('rate_limits').select('failures').execute();
    expect(counts.map((row) => Number(row.failures))).toEqual([0]); // the address's; the email's is gone
    // Failures still count: the fourth wrong attempt from the address is refused.
    for (let i = 0; i < 3; i++) await limiter.take([byEmail, address]);
    expect(await failure(limiter.take([byEmail, address]))).toMatchObject({
      code: 'rate_limited',
    });
  });
});
