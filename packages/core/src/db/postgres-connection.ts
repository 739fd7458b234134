import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { isConnectionLost, wasNeverSent } from './connection-lost.js';
import { databaseUnavailable } from './database-unavailable.js';

/** The part of a `pg` client the driver uses. */
export interface PgClient {
  query(
    sql: string,
    parameters: readonly unknown[],
  ): Promise<{ rows?: unknown[]; command?: string; rowCount?: number | null }>;
  /** Gives the client back to its pool; an error (or `true`) makes the pool drop it. */
  release(error?: Error | boolean): void;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a `pg` pool the driver uses. */
export interface PgPool {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  query?(sql: string, parameters: unknown[]): Promise<{ rows?: unknown[] }>;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  on?(event: 'connect', listener: (client: PgClient) => void): unknown;
  ending?: boolean;
}

const guarded = new WeakSet<object>();

/**
 * Gives a client a listener for `'error'`: pg emits one when the server ends the session
 * (pg_terminate_backend, a failover) or the socket dies, and an `'error'` event nobody
 * listens to crashes the process. The failure itself surfaces on the next query.
 */
export function guardClient(client: PgClient): PgClient {
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on?.('error', () => {});
  }
  return client;
}

/** A client from the pool, or `unavailable` when no connection can be opened. */
export async function connectClient(pool: PgPool): Promise<PgClient> {
  try {
    return guardClient(await pool.connect());
  } catch (error) {
    if (isConnectionLost(error))
      throw databaseUnavailable('The database cannot be reached; try again shortly', error, {
        retryable: true,
      });
    throw error;
  }
}

/** True for a compiled SELECT: it changes nothing, so running it again is safe. */
export function isRead(compiled: CompiledQuery): boolean {
  return compiled.query.kind === 'SelectQueryNode';
}

/**
 * PostgreSQL refuses the NUL character in text (22021). Input validation refuses it first;
 * this is the net under anything that slipped through, so that it is a 400, not a 500.
 */
export function refusedNul(error: unknown): SwitchboardError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== '22021' || typeof message !== 'string' || !message.includes('0x00')) return;
  return new SwitchboardError('validation_failed', 'Text may not contain the NUL character', {
    cause: error,
  });
}

function toResult<R>(result: {
  rows?: unknown[];
  command?: string;
  rowCount?: number | null;
}): QueryResult<R> {
  const { command, rowCount, rows } = result;
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command } as R] };
  const writes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE';
  return {
    rows: (rows ?? []) as R[],
    ...(writes ? { numAffectedRows: BigInt(rowCount ?? 0) } : {}),
  };
}

/**
 * A lease on the pool, seen as a Kysely connection. A lost connection never surfaces as a
 * raw driver error: a statement outside a transaction that is safe to repeat (a SELECT, or
 * one that never left the client) runs once more on a fresh client; anything else fails
 * with `unavailable`, marked as certainly not committed when a transaction lost its
 * connection before COMMIT (see `isRetryableTransactionError`).
 */
export class PostgresConnection implements DatabaseConnection {
  readonly #pool: PgPool;
  #client: PgClient;
  /** The client's session is gone: give it back with an error, so the pool drops it. */
  #lost = false;
  /** Between BEGIN and COMMIT/ROLLBACK. */
  inTransaction = false;

  constructor(pool: PgPool, client: PgClient) {
    this.#pool = pool;
    this.#client = client;
  }

  get lost(): boolean {
    return this.#lost;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return toResult(await this.#client.query(compiled.sql, compiled.parameters));
    } catch (error) {
      if (!isConnectionLost(error)) throw refusedNul(error) ?? error;
      this.#lost = true;
      if (this.inTransaction) {
        // The server rolls back the transaction of a session it lost.
        throw databaseUnavailable(
          'The database connection was lost; the change was not made, try again',
          error,
          { retryable: true },
        );
      }
      if (!isRead(compiled) && !wasNeverSent(error)) {
        throw databaseUnavailable(
          'The database connection was lost; the change may not have been made, check and try again',
          error,
          { retryable: false },
        );
      }
      await this.#replaceClient(error);
      try {
        return toResult(await this.#client.query(compiled.sql, compiled.parameters));
      } catch (again) {
        if (!isConnectionLost(again)) throw refusedNul(again) ?? again;
        this.#lost = true;
        throw databaseUnavailable('The database connection was lost; try again shortly', again, {
          retryable: isRead(compiled) || wasNeverSent(again),
        });
      }
    }
  }

  /** Runs COMMIT: a connection lost now leaves the outcome unknown (it may have committed). */
  async commit(): Promise<QueryResult<{ command?: string }>> {
    try {
      return toResult(await this.#client.query('commit', []));
    } catch (error) {
      if (!isConnectionLost(error)) throw error;
      this.#lost = true;
      throw databaseUnavailable(
        'The database connection was lost while committing; the change may or may not have been made',
        error,
        { retryable: false },
      );
    } finally {
      this.inTransaction = false;
    }
  }

  /**
   * Runs ROLLBACK. A lost session needs none (the server rolled it back); a failed one
   * marks the client for the pool to drop, and never hides the error that caused it.
   */
  async rollback(): Promise<void> {
    this.inTransaction = false;
    if (this.#lost) return;
    try {
      await this.#client.query('rollback', []);
    } catch {
      this.#lost = true;
    }
  }

  // biome-ignore lint/correctness/useYield: Kysely's interface; streaming is not used on PostgreSQL
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported by the Switchboard PostgreSQL driver');
  }

  /** Gives the client back to the pool (which drops it when its session was lost). */
  release(): void {
    this.#client.release(this.#lost ? new Error('The database connection was lost') : undefined);
  }

  async #replaceClient(cause: unknown): Promise<void> {
    this.#client.release(cause instanceof Error ? cause : true);
    this.#lost = false;
    try {
      this.#client = await connectClient(this.#pool);
    } catch (error) {
      // Nothing to give back now: a placeholder whose release does nothing.
      this.#client = { query: () => Promise.reject(error), release: () => {} };
      this.#lost = true;
      throw error;
    }
  }
}
