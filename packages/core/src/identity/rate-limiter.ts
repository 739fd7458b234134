import { sql } from 'kysely';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { hashToken } from '../shared/secret-token.js';
import type { ServiceContext } from '../shared/service-context.js';

/** How many failures are allowed per window (D3, API.md "Rate limits"). */
export interface RateLimitOptions {
  /** Failures per email from one client address. Default 10. */
  perEmailAndAddress: number;
  /** Failures per client address, whatever the email. Default 100. */
  perAddress: number;
  /** Window length in seconds. Default 900 (15 minutes). */
  windowSeconds: number;
}

export const defaultRateLimits: RateLimitOptions = {
  perEmailAndAddress: 10,
  perAddress: 100,
  windowSeconds: 900,
};

/** One counted key and its limit, e.g. `{ key: 'login:ip:203.0.113.9', limit: 100 }`. */
export interface LimitedKey {
  key: string;
  limit: number;
}

/**
 * Counts failures (wrong passwords, unknown emails, wrong codes, bad tokens) in fixed
 * windows kept in the database, so every server instance shares them. Keys are stored as
 * SHA-256, never as the email or address itself.
 */
export class RateLimiter {
  readonly #ctx: ServiceContext;
  readonly options: RateLimitOptions;

  constructor(ctx: ServiceContext, options: RateLimitOptions) {
    this.#ctx = ctx;
    this.options = options;
  }

  /** Throws `rate_limited` (with seconds to wait) when any key is at its limit. */
  async assertAllowed(keys: readonly LimitedKey[]): Promise<void> {
    const now = this.#ctx.clock.now().getTime();
    const windowMs = this.options.windowSeconds * 1000;
    const rows = await this.#ctx.db
      .selectFrom('rate_limits')
      .selectAll()
      .where(
        'key_hash',
        'in',
        keys.map((k) => hashToken(k.key)),
      )
      .execute();
    let retryAfterMs = 0;
    for (const { key, limit } of keys) {
      const row = rows.find((r) => r.key_hash === hashToken(key));
      if (!row) continue;
      const windowEnd = Date.parse(String(row.window_start)) + windowMs;
      if (windowEnd > now && Number(row.failures) >= limit)
        retryAfterMs = Math.max(retryAfterMs, windowEnd - now);
    }
    if (retryAfterMs > 0) {
      throw new SwitchboardError('rate_limited', 'Too many failed attempts; try again later', {
        retryAfter: Math.ceil(retryAfterMs / 1000),
      });
    }
  }

  /** Counts one failure against each key, starting a new window where the old one ended. */
  async recordFailure(keys: readonly LimitedKey[]): Promise<void> {
    const now = this.#ctx.clock.now();
    const nowIso = now.toISOString();
    const windowStartsAfter = new Date(
      now.getTime() - this.options.windowSeconds * 1000,
    ).toISOString();
    for (const { key } of keys) {
      await this.#ctx.db
        .insertInto('rate_limits')
        .values({ key_hash: hashToken(key), window_start: nowIso, failures: 1 })
        .onConflict((oc) =>
          oc.column('key_hash').doUpdateSet({
            failures: sql`case when rate_limits.window_start <= ${windowStartsAfter} then 1 else rate_limits.failures + 1 end`,
            window_start: sql`case when rate_limits.window_start <= ${windowStartsAfter} then ${nowIso} else rate_limits.window_start end`,
          }),
        )
        .execute();
    }
  }

  /** Forgets the failures of keys (after a successful sign-in for that email). */
  async clear(keys: readonly LimitedKey[]): Promise<void> {
    await this.#ctx.db
      .deleteFrom('rate_limits')
      .where(
        'key_hash',
        'in',
        keys.map((k) => hashToken(k.key)),
      )
      .execute();
  }
}
