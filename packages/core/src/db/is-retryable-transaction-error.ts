import { isRetryableUnavailable } from './database-unavailable.js';

/** PostgreSQL's serialization_failure and deadlock_detected: the loser's work was rolled back. */
const conflictCodes = new Set(['40001', '40P01']);

/**
 * True when a transaction failed in a way that running the whole transaction again, from
 * its first statement, is safe and may succeed:
 * - its connection was lost before COMMIT was sent (PostgreSQL rolled it back), or it could
 *   not get a connection at all (an `unavailable` error of this module's drivers);
 * - PostgreSQL aborted it for a serialization failure (40001) or a deadlock (40P01), as a
 *   raw driver error or as the `cause` of another error.
 *
 * False for everything else, notably a connection lost during COMMIT (it may have
 * committed), a write outside a transaction whose connection was lost, and SQLite's lock
 * timeout (the busy timeout was already spent waiting). The work run again must have no
 * effects outside the transaction. Retry a bounded number of times.
 *
 * @example
 * for (let attempt = 1; ; attempt++) {
 *   try { return await db.transaction().execute(work); }
 *   catch (error) { if (attempt >= 3 || !isRetryableTransactionError(error)) throw error; }
 * }
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (isRetryableUnavailable(error)) return true;
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && conflictCodes.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
