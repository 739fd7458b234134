import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { Clock } from '../shared/clock.js';
import { hashToken } from '../shared/secret-token.js';

/** How many attempts are allowed per window (D3, API.md "Rate limits"). */
export interface RateLimitOptions {
  /** Failures per email from one client address. Default 10. */
  perEmailAndAddress: number;
  /** Failures per client address, whatever the email. Default 100. */
  perAddress: number;
  /** Activation and password-reset emails an admin may send one user. Default 5. */
  emailsPerUser: number;
  /** Activation and password-reset emails one admin may send in all. Default 50. */
  emailsPerSender: number;
  /** Window length in seconds. Default 900 (15 minutes). */
  windowSeconds: number;
}

export const defaultRateLimits: RateLimitOptions = {
  perEmailAndAddress: 10,
  perAddress: 100,
  emailsPerUser: 5,
  emailsPerSender: 50,
  windowSeconds: 900,
};

/**
 * One counted key and its limit, e.g. `{ key: 'login:ip:203.0.113.9', limit: 100 }`.
 * `clearOnSuccess`: a success forgets the key's count (the email's own key); otherwise a
 * success only gives its own attempt back (a shared key, such as the address's).
 */
export interface LimitedKey {
  key: string;
  limit: number;
  clearOnSuccess?: boolean;
}

/** An attempt counted by `take`; tell it how the attempt ended when it succeeded. */
export interface RateLimitedAttempt {
  /**
   * The attempt succeeded: clears the keys marked `clearOnSuccess` and gives the attempt
   * back on the others, so successes never count toward a limit. A failed attempt needs
   * no call: it stays counted.
   */
  succeeded(): Promise<void>;
}

/** What the limiter needs: the database and the time. */
export interface RateLimiterContext {
  db: Kysely<Database>;
  clock: Clock;
}

function timeOf(value: string | Date): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/**
 * Counts attempts (sign-ins, codes, tokens) per key in fixed windows kept in the database,
 * so every server instance shares them. Keys are stored as SHA-256, never as the email or
 * address itself.
 *
 * Concurrency: `take` counts with one statement (`INSERT … ON CONFLICT DO UPDATE …
 * RETURNING`), which increments and reads each key's count atomically on both databases and
 * across instances. Of N simultaneous attempts on a key with limit L, exactly min(N, L) are
 * let through — never more — whatever the interleaving.
 */
export class RateLimiter {
  readonly #ctx: RateLimiterContext;
  readonly options: RateLimitOptions;

  constructor(ctx: RateLimiterContext, options: RateLimitOptions) {
    this.#ctx = ctx;
    this.options = options;
  }

  /**
   * Counts one attempt against every key, BEFORE the attempt is evaluated (the password
   * checked, the code compared). Throws `rate_limited` (with seconds to wait) when any key
   * is over its limit — the caller then evaluates nothing; the refused attempt stays
   * counted. Call `succeeded()` on the result when the attempt succeeds.
   *
   * @example
   * const attempt = await rateLimiter.take(limits); // may throw rate_limited
   * if (!(await passwords.verify(password, hash))) throw new SwitchboardError('invalid_credentials');
   * await attempt.succeeded();
   */
  async take(
    keys: readonly LimitedKey[],
    message = 'Too many failed attempts; try again later',
  ): Promise<RateLimitedAttempt> {
    const now = this.#ctx.clock.now();
    const nowIso = now.toISOString();
    const windowMs = this.options.windowSeconds * 1000;
    const windowStartsAfter = new Date(now.getTime() - windowMs).toISOString();
    const hashed = new Map<string, LimitedKey>();
    for (const key of keys) hashed.set(hashToken(key.key), key);
    // One statement for every key, in one order, so concurrent takes cannot deadlock.
    const hashes = [...hashed.keys()].sort();
    const rows = await this.#ctx.db
      .insertInto('rate_limits')
      .values(hashes.map((key_hash) => ({ key_hash, window_start: nowIso, failures: 1 })))
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({
          failures: sql`case when rate_limits.window_start <= ${windowStartsAfter} then 1 else rate_limits.failures + 1 end`,
          window_start: sql`case when rate_limits.window_start <= ${windowStartsAfter} then ${nowIso} else rate_limits.window_start end`,
        }),
      )
      .returning(['key_hash', 'failures', 'window_start'])
      .execute();
    let retryAfterMs = 0;
    for (const row of rows) {
      const limit = hashed.get(row.key_hash)?.limit ?? Number.POSITIVE_INFINITY;
      if (Number(row.failures) > limit) {
        const windowEnd = timeOf(row.window_start) + windowMs;
        retryAfterMs = Math.max(retryAfterMs, windowEnd - now.getTime(), 1000);
      }
    }
    if (retryAfterMs > 0) {
      throw new SwitchboardError('rate_limited', message, {
        retryAfter: Math.ceil(retryAfterMs / 1000),
      });
    }
    const windowStarts = new Map(rows.map((row) => [row.key_hash, row.window_start]));
    return {
      succeeded: async () => {
        const cleared = hashes.filter((h) => hashed.get(h)?.clearOnSuccess);
        const givenBack = hashes.filter((h) => !hashed.get(h)?.clearOnSuccess);
        if (cleared.length > 0)
          await this.#ctx.db.deleteFrom('rate_limits').where('key_hash', 'in', cleared).execute();
        for (const hash of givenBack) {
          // Only in the window that counted it: a new window owes nothing back.
          await this.#ctx.db
            .updateTable('rate_limits')
            .set((eb) => ({ failures: eb('failures', '-', 1) }))
            .where('key_hash', '=', hash)
            .where('window_start', '=', windowStarts.get(hash) as string)
            .where('failures', '>', 0)
            .execute();
        }
      },
    };
  }

  /** Forgets the counts of keys (e.g. after a successful sign-in for that email). */
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
