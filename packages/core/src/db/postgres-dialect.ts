import {
  type CompiledQuery,
  type Dialect,
  type Driver,
  PostgresDialect,
  PostgresDriver,
  type PostgresPool,
  type QueryResult,
} from 'kysely';
import { type DirectQueryRunner, noteDirectRunner } from './direct-query.js';

export interface PostgresOptions {
  /** Most connections the pool opens. Default 10. */
  max?: number;
}

const timestamptzOid = 1184;

/** `2026-11-23 05:00:00.12+00`: a timestamptz as PostgreSQL writes it in a UTC session. */
const utcTimestamptz = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz in PostgreSQL's text form as ISO 8601 UTC with milliseconds, what
 * `new Date(value).toISOString()` gives (fractions past the millisecond cut off), rewritten
 * without a parse when the session is in UTC; any other form goes through Date.
 */
export function timestamptzToIso(value: string): string {
  const utc = utcTimestamptz.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(value).toISOString();
}

/** A pg pool as far as the direct path needs it (an embedder's pool may lack `query`). */
interface QueryablePool extends PostgresPool {
  query?(sql: string, parameters: unknown[]): Promise<{ rows: unknown[] }>;
  ending?: boolean;
}

/**
 * Runs prepared queries outside transactions with the pool's own `query` (check out a
 * client, run, give it back), as Kysely's driver would, without its executor's promise hops.
 */
class PoolQueryRunner implements DirectQueryRunner {
  pool: QueryablePool | undefined;

  run<R>(compiled: CompiledQuery, inTransaction: boolean): Promise<QueryResult<R>> | undefined {
    const pool = this.pool;
    if (inTransaction || !pool || typeof pool.query !== 'function' || pool.ending) return undefined;
    return pool
      .query(compiled.sql, [...compiled.parameters])
      .then((result) => ({ rows: (result.rows ?? []) as R[] }));
  }
}

/** Kysely's driver, telling its runner which pool it opened and when it closed it. */
class TrackedPostgresDriver extends PostgresDriver {
  readonly #runner: PoolQueryRunner;

  constructor(pool: () => Promise<PostgresPool>, runner: PoolQueryRunner) {
    super({
      pool: async () => {
        const opened = await pool();
        runner.pool = opened;
        return opened;
      },
    });
    this.#runner = runner;
  }

  override async destroy(): Promise<void> {
    this.#runner.pool = undefined;
    await super.destroy();
  }
}

/**
 * PostgreSQL through `pg`, given a connection string or a pool of your own. `pg` is
 * loaded on first use, so an app on SQLite never loads it.
 *
 * @example createSwitchboard({ database: postgres(process.env.DATABASE_URL) })
 */
export function postgres(urlOrPool: string | PostgresPool, options: PostgresOptions = {}): Dialect {
  const openPool =
    typeof urlOrPool !== 'string'
      ? async () => urlOrPool
      : async (): Promise<PostgresPool> => {
          const { default: pg } = await import('pg');
          const pool = new pg.Pool({
            connectionString: urlOrPool,
            max: options.max ?? 10,
            types: {
              getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
                oid === timestamptzOid && format !== 'binary'
                  ? timestamptzToIso
                  : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
            },
          });
          // An idle client that dies (server restart, terminated backend) is dropped by the
          // pool and the next query opens a new one; without a listener pg would crash the
          // process.
          pool.on('error', () => {});
          return pool;
        };
  const dialect: Dialect = new (class extends PostgresDialect {
    override createDriver(): Driver {
      const runner = new PoolQueryRunner();
      noteDirectRunner(dialect, runner);
      return new TrackedPostgresDriver(openPool, runner);
    }
  })({ pool: openPool });
  return dialect;
}
