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
    if (path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA synchronous = NORMAL');
    return db;
  };
  return {
    createDriver: (): Driver => new SqliteDriver(open, lockFor(path)),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createAdapter: (): DialectAdapter => new SwitchboardSqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
}
