import {
  AbortedTransactionError,
  type CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  RawNode,
  type TransactionSettings,
} from 'kysely';
import { isConnectionLost, wasNeverSent } from './connection-lost.js';
import { databaseUnavailable } from './database-unavailable.js';
import type { DirectQueryRunner } from './direct-query.js';
import {
  connectClient,
  guardClient,
  isRead,
  type PgClient,
  type PgPool,
  PostgresConnection,
  refusedNul,
} from './postgres-connection.js';

/**
 * A Kysely driver over a `pg` pool that survives lost connections: the pool and every
 * client it hands out have an `'error'` listener (pg would otherwise crash the process
 * when a backend is terminated), a query that loses its connection answers `unavailable`
 * or, when it is safe, runs once more on a fresh connection (see `PostgresConnection`),
 * and a client whose session died is dropped from the pool, which opens new ones as needed.
 *
 * `run` runs prepared queries outside transactions with the pool's own `query` (check out
 * a client, run, give it back), past Kysely's executor, with the same rules. Savepoints are
 * not supported (nothing uses them).
 */
export class PostgresDriver implements Driver, DirectQueryRunner {
  readonly #openPool: () => Promise<PgPool>;
  #pool: PgPool | undefined;

  constructor(openPool: () => Promise<PgPool>) {
    this.#openPool = openPool;
  }

  async init(): Promise<void> {
    const pool = await this.#openPool();
    // An idle client that dies is dropped by the pool, which then emits 'error' on itself.
    pool.on?.('error', () => {});
    // Every client gets its listener the moment it connects, before any query (the pool's
    // own `query` checks clients out past `connectClient`): a session terminated in between
    // must not emit an 'error' nobody hears.
    pool.on?.('connect', (client: PgClient) => guardClient(client));
    this.#pool = pool;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const pool = this.#pool;
    if (!pool) throw new Error('The PostgreSQL driver is closed');
    return new PostgresConnection(pool, await connectClient(pool));
  }

  run<R>(compiled: CompiledQuery, inTransaction: boolean): Promise<QueryResult<R>> | undefined {
    const pool = this.#pool;
    if (inTransaction || !pool || typeof pool.query !== 'function' || pool.ending) return undefined;
    return this.#poolQuery<R>(pool, compiled).catch((error: unknown) => {
      if (!isConnectionLost(error)) throw refusedNul(error) ?? error;
      const repeatable = isRead(compiled) || wasNeverSent(error);
      if (!repeatable || pool.ending) {
        throw databaseUnavailable(
          'The database connection was lost; the change may not have been made, check and try again',
          error,
          { retryable: false },
        );
      }
      return this.#poolQuery<R>(pool, compiled).catch((again: unknown) => {
        if (!isConnectionLost(again)) throw refusedNul(again) ?? again;
        throw databaseUnavailable('The database connection was lost; try again shortly', again, {
          retryable: isRead(compiled) || wasNeverSent(again),
        });
      });
    });
  }

  async #poolQuery<R>(pool: PgPool, compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await pool.query?.(compiled.sql, [...compiled.parameters]);
    return { rows: (result?.rows ?? []) as R[] };
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    const postgres = connection as PostgresConnection;
    postgres.inTransaction = true;
    try {
      await postgres.executeQuery({
        sql,
        parameters: [],
        query: RawNode.createWithSql(sql),
        queryId: createQueryId(),
      });
    } catch (error) {
      postgres.inTransaction = false;
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await (connection as PostgresConnection).commit();
    // PostgreSQL answers COMMIT with ROLLBACK when an earlier error aborted the transaction.
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PostgresConnection).rollback();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PostgresConnection).release();
  }

  async destroy(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.end();
  }
}
