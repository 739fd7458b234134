import type { DatabaseSync } from 'node:sqlite';
import type { DatabaseConnection, Driver } from 'kysely';
import { SqliteConnection } from './sqlite-connection.js';

/**
 * A Kysely driver over one node:sqlite connection. Connections are handed out one at a
 * time (a transaction keeps it until it ends), and write transactions begin with
 * `BEGIN IMMEDIATE` so they take SQLite's write lock up front instead of failing to
 * upgrade a read lock later; other processes wait up to the busy timeout.
 */
export class SqliteDriver implements Driver {
  readonly #open: () => DatabaseSync;
  #db: DatabaseSync | undefined;
  #connection: SqliteConnection | undefined;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(open: () => DatabaseSync) {
    this.#open = open;
  }

  async init(): Promise<void> {
    this.#db = this.#open();
    this.#connection = new SqliteConnection(this.#db);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    if (!this.#connection) throw new Error('The SQLite database is closed');
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteConnection).exec('BEGIN IMMEDIATE');
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteConnection).exec('COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteConnection).exec('ROLLBACK');
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#queue;
    this.#connection = undefined;
    this.#db?.close();
    this.#db = undefined;
  }
}
