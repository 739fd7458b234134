import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

const statementCacheSize = 200;

function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

/** One node:sqlite database seen as a Kysely connection, with a small prepared-statement cache. */
export class SqliteConnection implements DatabaseConnection {
  readonly #db: DatabaseSync;
  /** Prepared statements by SQL, least recently used first, with whether they return rows. */
  readonly #statements = new Map<string, { statement: StatementSync; returnsRows: boolean }>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  #prepare(sql: string): { statement: StatementSync; returnsRows: boolean } {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Re-insert to keep the map in least-recently-used order.
      this.#statements.delete(sql);
    } else {
      const prepared = this.#db.prepare(sql);
      statement = { statement: prepared, returnsRows: prepared.columns().length > 0 };
      if (this.#statements.size >= statementCacheSize) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return this.executeSync(compiled);
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
