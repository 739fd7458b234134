import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { isSqliteBusy, sqliteLocked } from './sqlite-busy.js';

const statementCacheSize = 200;

function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

interface CachedStatement {
  statement: StatementSync;
  returnsRows: boolean;
  used: boolean;
}

/** Runs a statement again, asynchronously, while another process holds the lock it needs. */
export type BusyWaiter = <T>(attempt: () => T) => Promise<T>;

/**
 * One node:sqlite database seen as a Kysely connection, with a small prepared-statement
 * cache. A statement outside a transaction that meets another process's lock is handed to
 * the driver's `whileBusy`, which tries it again without blocking the event loop.
 */
export class SqliteConnection implements DatabaseConnection {
  readonly #db: DatabaseSync;
  readonly #whileBusy: BusyWaiter;
  /**
   * Prepared statements by SQL, oldest first, with whether they return rows and whether
   * they were used since eviction last passed them.
   */
  readonly #statements = new Map<string, CachedStatement>();

  constructor(db: DatabaseSync, whileBusy: BusyWaiter) {
    this.#db = db;
    this.#whileBusy = whileBusy;
  }

  /**
   * The statement for `sql`, prepared once. A hit only marks the statement used: moving it
   * in the map on every hit (exact LRU) cost more than the statement's own run on a
   * single-row read. When the cache is full, eviction gives each used statement a second
   * chance (it goes to the back, unmarked) and drops the first unused one: hot statements
   * stay.
   */
  #prepare(sql: string): CachedStatement {
    const cached = this.#statements.get(sql);
    if (cached) {
      cached.used = true;
      return cached;
    }
    const prepared = this.#db.prepare(sql);
    const statement = {
      statement: prepared,
      returnsRows: prepared.columns().length > 0,
      used: false,
    };
    while (this.#statements.size >= statementCacheSize) this.#evictOne();
    this.#statements.set(sql, statement);
    return statement;
  }

  #evictOne(): void {
    for (const [sql, entry] of this.#statements) {
      this.#statements.delete(sql);
      if (!entry.used) return;
      entry.used = false;
      this.#statements.set(sql, entry);
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.inTransaction) return this.#whileBusy(() => this.executeSync<R>(compiled));
    try {
      return this.executeSync(compiled);
    } catch (error) {
      // BEGIN IMMEDIATE holds the write lock, so this is rare (node:sqlite before 22.16
      // cannot tell whether a transaction is open, and is taken to be in one).
      throw isSqliteBusy(error) ? sqliteLocked(error) : error;
    }
  }

  /** Runs one statement now, synchronously (node:sqlite is synchronous anyway). */
  executeSync<R>(compiled: CompiledQuery): QueryResult<R> {
    const { statement, returnsRows } = this.#prepare(compiled.sql);
    const parameters = compiled.parameters.map(toSqliteValue);
    if (returnsRows) {
      return { rows: statement.all(...parameters) as R[] };
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { statement } = this.#prepare(compiled.sql);
    for (const row of statement.iterate(...compiled.parameters.map(toSqliteValue))) {
      yield { rows: [row as R] };
    }
  }

  /** Whether a transaction is open (node:sqlite before 22.16 cannot tell: assumed open). */
  get inTransaction(): boolean {
    return this.#db.isTransaction ?? true;
  }

  /** Runs SQL that takes no parameters, e.g. `BEGIN IMMEDIATE` or a PRAGMA. */
  exec(sql: string): void {
    this.#db.exec(sql);
  }
}
