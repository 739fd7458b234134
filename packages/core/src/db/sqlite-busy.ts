import type { SwitchboardError } from '../errors/switchboard-error.js';
import { databaseUnavailable } from './database-unavailable.js';

/** True for SQLITE_BUSY (and its extended codes): another connection holds the lock. */
export function isSqliteBusy(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' && errcode % 256 === 5;
}

/** The `unavailable` error of a lock another process held past the busy timeout. */
export function sqliteLocked(cause: unknown): SwitchboardError {
  // Not retryable at once: the busy timeout was already spent waiting.
  return databaseUnavailable(
    'The database is locked by another process (a backup, a command, another server); try again shortly',
    cause,
    { retryable: false },
  );
}
