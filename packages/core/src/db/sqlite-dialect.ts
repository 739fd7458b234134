import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { AsyncMutex } from './async-mutex.js';
import { noteDirectRunner } from './direct-query.js';
import { loadNodeSqlite } from './node-sqlite.js';
import { isSqliteBusy, sqliteLocked } from './sqlite-busy.js';
import { SqliteDriver } from './sqlite-driver.js';

export interface SqliteOptions {
  /**
   * Milliseconds a write waits for another process's lock (a backup, the CLI, a second
   * server) before failing with `unavailable`. The wait never blocks the event loop:
   * reads and other requests go on meanwhile. Default 5000.
   */
  busyTimeoutMs?: number;
}

/** One lock per database file in this process, shared by every Switchboard opened on it. */
const fileLocks = new Map<string, AsyncMutex>();

function lockFor(path: string): AsyncMutex {
  if (path === ':memory:') return new AsyncMutex();
  const key = resolve(path);
  let lock = fileLocks.get(key);
  if (!lock) {
    lock = new AsyncMutex();
    fileLocks.set(key, lock);
  }
  return lock;
}

/**
 * Switches the file to WAL. While another connection holds a lock on a file not yet in WAL
 * mode, SQLite refuses the switch at once (SQLITE_BUSY), so this retries, sleeping without
 * blocking the event loop, until the busy timeout has passed.
 */
async function useWal(db: DatabaseSync, busyTimeoutMs: number): Promise<void> {
  const deadline = performance.now() + busyTimeoutMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      const remaining = deadline - performance.now();
      if (!isSqliteBusy(error)) throw error;
      if (remaining <= 0) throw sqliteLocked(error);
      await sleep(Math.min(delay, remaining));
    }
  }
}

/**
 * SQLite runs DDL inside transactions, so migrations can be one atomic, locked step. The
 * driver hands its one connection out one caller at a time itself (under a lock per file
 * it can let go of while it waits for another process), so Kysely's own per-instance
 * connection lock is not wanted: it would hold every read back behind a waiting write.
 */
class SwitchboardSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/**
 * Embedded SQLite through Node's built-in `node:sqlite`: WAL journal, foreign keys on,
 * `secure_delete` on (erased rows, such as sent mail, are overwritten, not left in free
 * pages), and write transactions that take the write lock up front. A write waits for
 * another process's lock up to the busy timeout without blocking the event loop, then
 * fails with `unavailable` (503 with Retry-After in the server).
 *
 * The file's folder is created when missing.
 *
 * @example createSwitchboard({ database: sqlite('./data/switchboard.db') })
 */
export function sqlite(path: string, options: SqliteOptions = {}): Dialect {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const open = async () => {
    // Loaded here, at the first connection: importing the core never loads node:sqlite.
    const { DatabaseSync } = await loadNodeSqlite();
    // A file in a folder that does not exist yet (`./data/switchboard.db` in a new project).
    if (path !== ':memory:' && !path.startsWith('file:'))
      await mkdir(dirname(resolve(path)), { recursive: true });
    // SQLite's own busy handler would sleep on the event loop: the driver waits instead.
    const db = new DatabaseSync(path, { timeout: 0 });
    try {
      if (path !== ':memory:') await useWal(db, busyTimeoutMs);
      db.exec('PRAGMA busy_timeout = 0');
      db.exec('PRAGMA foreign_keys = ON');
      db.exec('PRAGMA secure_delete = ON');
      db.exec('PRAGMA synchronous = NORMAL');
      // SQLite's own lower() folds ASCII only; PostgreSQL's (in a UTF-8 locale) folds all of
      // Unicode. Searches lower both sides, so both databases must fold alike.
      db.function('lower', { deterministic: true }, (value) =>
        typeof value === 'string' ? value.toLowerCase() : value,
      );
    } catch (error) {
      db.close(); // a failed open leaves no file handle behind
      throw error;
    }
    return db;
  };
  const dialect: Dialect = {
    createDriver: (): Driver => {
      const driver = new SqliteDriver(open, lockFor(path), busyTimeoutMs);
      noteDirectRunner(dialect, driver);
      return driver;
    },
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createAdapter: (): DialectAdapter => new SwitchboardSqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
  return dialect;
}
