import type { DatabaseSync } from 'node:sqlite';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import type { AsyncMutex } from './async-mutex.js';
import type { DirectQueryRunner } from './direct-query.js';
import { SqliteConnection } from './sqlite-connection.js';

/**
 * A Kysely driver over one node:sqlite connection. The connection is handed out one
 * caller at a time (a transaction keeps it until it ends) under a lock shared by every
 * driver on the same file in this process: node:sqlite waits for SQLite's own lock
 * synchronously, which would freeze the event loop the lock holder needs to finish.
 * Transactions begin with `BEGIN IMMEDIATE`, taking the write lock up front instead of
 * failing to upgrade a read lock later; other processes wait up to the busy timeout.
 *
 * `run` runs one statement at once, synchronously, without the lock's promise hops, when nobody in
 * this process holds or waits for the file's lock (or when the caller's own transaction
 * holds it): the statement then finishes before any other JavaScript runs, so it can
 * neither land inside another caller's transaction nor wait on a lock held in-process.
 */
export class SqliteDriver implements Driver, DirectQueryRunner {
  readonly #open: () => DatabaseSync;
  readonly #lock: AsyncMutex;
  #db: DatabaseSync | undefined;
  #connection: SqliteConnection | undefined;
  #release: (() => void) | undefined;

  constructor(open: () => DatabaseSync, lock: AsyncMutex) {
    this.#open = open;
    this.#lock = lock;
  }

  async init(): Promise<void> {
    this.#db = this.#open();
    this.#connection = new SqliteConnection(this.#db);
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
    return this.#lock.idle && !connection.inTransaction
      ? connection.executeSync(compiled)
      : undefined;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteConnection).exec('BEGIN IMMEDIATE');
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
