import { type Dialect, PostgresDialect, type PostgresPool } from 'kysely';

export interface PostgresOptions {
  /** Most connections the pool opens. Default 10. */
  max?: number;
}

const timestamptzOid = 1184;

/**
 * PostgreSQL through `pg`, given a connection string or a pool of your own. `pg` is
 * loaded on first use, so an app on SQLite never loads it.
 *
 * @example createSwitchboard({ database: postgres(process.env.DATABASE_URL) })
 */
export function postgres(urlOrPool: string | PostgresPool, options: PostgresOptions = {}): Dialect {
  if (typeof urlOrPool !== 'string') return new PostgresDialect({ pool: urlOrPool });
  return new PostgresDialect({
    pool: async () => {
      const { default: pg } = await import('pg');
      const pool = new pg.Pool({
        connectionString: urlOrPool,
        max: options.max ?? 10,
        types: {
          getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
            oid === timestamptzOid && format !== 'binary'
              ? (value: string) => new Date(value).toISOString()
              : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
        },
      });
      // An idle client that dies (server restart, terminated backend) is dropped by the pool
      // and the next query opens a new one; without a listener pg would crash the process.
      pool.on('error', () => {});
      return pool;
    },
  });
}
