import { resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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
import { SqliteDriver } from './sqlite-driver.js';

export interface SqliteOptions {
  /** Milliseconds a write waits for another process's lock before failing. Default 5000. */
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

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches the file to WAL. While another connection holds a lock on a file not yet in WAL
 * mode, SQLite refuses the switch at once (SQLITE_BUSY) without using the busy timeout, so
 * this retries until the timeout has passed, as every other statement would wait.
 */
function useWal(db: DatabaseSync, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      const busy = ((error as { errcode?: number }).errcode ?? 0) % 256 === 5; // SQLITE_BUSY
      if (!busy || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 10); // opening is synchronous anyway, as SQLite's own waits are
    }
  }
}

/** SQLite runs DDL inside transactions, so migrations can be one atomic, locked step. */
class SwitchboardSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Embedded SQLite through Node's built-in `node:sqlite`: WAL journal, a busy timeout,
 * foreign keys on, and write transactions that take the write lock up front.
 *
 * @example createSwitchboard({ database: sqlite('./data/switchboard.db') })
 */
export function sqlite(path: string, options: SqliteOptions = {}): Dialect {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const open = () => {
    const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
    try {
      if (path !== ':memory:') useWal(db, busyTimeoutMs);
      db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
      db.exec('PRAGMA foreign_keys = ON');
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
      const driver = new SqliteDriver(open, lockFor(path));
      noteDirectRunner(dialect, driver);
      return driver;
    },
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createAdapter: (): DialectAdapter => new SwitchboardSqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
  return dialect;
}
