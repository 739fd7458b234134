import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  type PostgresPool,
  PostgresQueryCompiler,
  type QueryCompiler,
} from 'kysely';
import { noteDirectRunner } from './direct-query.js';
import type { PgPool } from './postgres-connection.js';
import { PostgresDriver } from './postgres-driver.js';

export interface PostgresOptions {
  /** Most connections the pool opens. Default 10. */
  max?: number;
  /**
   * Milliseconds to wait for a new connection (or a free one, when all `max` are busy)
   * before the request answers `unavailable`. Default 10000. Pools of your own keep theirs.
   */
  connectTimeoutMs?: number;
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

/**
 * PostgreSQL through `pg`, given a connection string or a pool of your own. `pg` is
 * loaded on first use, so an app on SQLite never loads it. A lost connection (a failover,
 * a restart, a terminated backend) never crashes the process: the request that met it
 * answers `unavailable` (or is run again when that is safe) and new connections replace
 * the lost ones. A pool of your own gets an `'error'` listener for the same reason.
 *
 * @example createSwitchboard({ database: postgres(process.env.DATABASE_URL) })
 */
export function postgres(urlOrPool: string | PostgresPool, options: PostgresOptions = {}): Dialect {
  const openPool =
    typeof urlOrPool !== 'string'
      ? async () => urlOrPool as unknown as PgPool
      : async (): Promise<PgPool> => {
          const { default: pg } = await import('pg');
          return new pg.Pool({
            connectionString: urlOrPool,
            max: options.max ?? 10,
            // A peer that vanished without closing (a failover behind a virtual IP) is
            // found by TCP keep-alive instead of hanging a request until the OS gives up.
            keepAlive: true,
            connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
            types: {
              getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
                oid === timestamptzOid && format !== 'binary'
                  ? timestamptzToIso
                  : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
            },
          }) as unknown as PgPool;
        };
  const dialect: Dialect = {
    createDriver: (): Driver => {
      const driver = new PostgresDriver(openPool);
      noteDirectRunner(dialect, driver);
      return driver;
    },
    createQueryCompiler: (): QueryCompiler => new PostgresQueryCompiler(),
    createAdapter: (): DialectAdapter => new PostgresAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new PostgresIntrospector(db),
  };
  return dialect;
}
