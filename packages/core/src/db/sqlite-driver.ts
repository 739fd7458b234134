import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import type { AsyncMutex } from './async-mutex.js';
import type { DirectQueryRunner } from './direct-query.js';
import { isSqliteBusy, sqliteLocked } from './sqlite-busy.js';
import { SqliteConnection } from './sqlite-connection.js';

/** Longest single sleep while waiting for another process's lock. */
const maxBusyDelayMs = 50;

/**
 * A Kysely driver over one node:sqlite connection. The connection is handed out one
 * caller at a time (a transaction keeps it until it ends) under a lock shared by every
 * driver on the same file in this process. Transactions begin with `BEGIN IMMEDIATE`,
 * taking the write lock up front instead of failing to upgrade a read lock later.
 *
 * SQLite's busy timeout is 0: its busy handler would sleep on the event loop and freeze
 * every request. When another process holds the write lock, a `BEGIN IMMEDIATE` or a
 * statement outside a transaction is tried again after short asynchronous sleeps (1, 2,
 * 4 … 50 ms) until the busy timeout has passed, then fails with `unavailable`. While it
 * sleeps it lets go of the connection, so other callers' reads (which WAL lets through)
 * and their own attempts go on.
 *
 * `run` runs one statement at once, synchronously, without the lock's promise hops, when nobody in
 * this process holds or waits for the file's lock (or when the caller's own transaction
 * holds it): the statement then finishes before any other JavaScript runs, so it can
 * neither land inside another caller's transaction nor wait on a lock held in-process.
 * A statement that meets another process's lock takes the usual, waiting path instead.
 */
export class SqliteDriver implements Driver, DirectQueryRunner {
  readonly #open: () => Promise<DatabaseSync>;
  readonly #lock: AsyncMutex;
  readonly #busyTimeoutMs: number;
  #db: DatabaseSync | undefined;
  #connection: SqliteConnection | undefined;
  #release: (() => void) | undefined;

  constructor(open: () => Promise<DatabaseSync>, lock: AsyncMutex, busyTimeoutMs: number) {
    this.#open = open;
    this.#lock = lock;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  async init(): Promise<void> {
    this.#db = await this.#open();
    this.#connection = new SqliteConnection(this.#db, (attempt) => this.#whileBusy(attempt));
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    if (!this.#connection) {
      release();
      throw new Error('The SQLite database is closed');
    }
    this.#release = release;
    return this.#connection;
  }

  run<R>(compiled: CompiledQuery, inTransaction: boolean): QueryResult<R> | undefined {
    const connection = this.#connection;
    if (!connection) return undefined;
    if (inTransaction) {
      // The caller's transaction holds this connection (and the lock) until it ends.
      return this.#release && connection.inTransaction
        ? connection.executeSync(compiled)
        : undefined;
    }
    if (!this.#lock.idle || connection.inTransaction) return undefined;
    try {
      return connection.executeSync(compiled);
    } catch (error) {
      // Another process holds the lock; the statement did nothing. Take the waiting path.
      if (isSqliteBusy(error)) return undefined;
      throw error;
    }
  }

  /**
   * Runs `attempt` (one statement, outside a transaction) until it does not meet another
   * process's lock, sleeping between tries without holding the connection, for at most the
   * busy timeout; then fails with `unavailable`. Never called inside a transaction (which
   * holds the write lock from its BEGIN IMMEDIATE, and must not let go of the connection).
   */
  async #whileBusy<T>(attempt: () => T): Promise<T> {
    let deadline: number | undefined; // from the first refusal (busy_timeout 0: at once)
    for (let delay = 1; ; delay = Math.min(delay * 2, maxBusyDelayMs)) {
      try {
        return attempt();
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        deadline ??= performance.now() + this.#busyTimeoutMs;
        const remaining = deadline - performance.now();
        if (remaining <= 0) throw sqliteLocked(error);
        // Let the others of this process use the connection meanwhile.
        const release = this.#release;
        this.#release = undefined;
        release?.();
        await sleep(Math.min(delay, remaining));
        this.#release = await this.#lock.acquire();
        if (!this.#connection) throw new Error('The SQLite database is closed');
      }
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#whileBusy(() => (connection as SqliteConnection).exec('BEGIN IMMEDIATE'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteConnection).exec('COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const sqlite = connection as SqliteConnection;
    // SQLite ends the transaction itself on some errors (a full disk, OR ROLLBACK); a second
    // ROLLBACK would fail and hide the error that caused it.
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    const release = await this.#lock.acquire();
    release();
    this.#connection = undefined;
    this.#db?.close();
    this.#db = undefined;
  }
}
