import { SwitchboardError } from '../errors/switchboard-error.js';

/** Seconds a caller is told to wait before trying again after a database fault. */
export const databaseRetryAfterSeconds = 1;

/** Errors of work that did not commit and may be run again at once. */
const retryable = new WeakSet<Error>();

/**
 * The `unavailable` error (503 with Retry-After in the server) for a database that cannot
 * answer now: a lost connection, a lock another process holds. `retryable` is true only
 * when the work certainly did not commit (its connection was lost before COMMIT, or it
 * never began) and running it again at once may succeed; false when it may have committed
 * (lost during COMMIT, a write outside a transaction) or when waiting was already done
 * (SQLite's lock timeout). See `isRetryableTransactionError`.
 */
export function databaseUnavailable(
  message: string,
  cause: unknown,
  options: { retryable: boolean },
): SwitchboardError {
  const error = new SwitchboardError('unavailable', message, {
    retryAfter: databaseRetryAfterSeconds,
    cause,
  });
  if (options.retryable) retryable.add(error);
  return error;
}

/** True for an error made by `databaseUnavailable` with `retryable: true`. */
export function isRetryableUnavailable(error: unknown): boolean {
  return error instanceof Error && retryable.has(error);
}
