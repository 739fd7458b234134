import { DatabaseSync, StatementSync } from 'node:sqlite';
import pg from 'pg';
import { isPostgresUrl } from './bench-database.ts';

/**
 * Every SQL statement this process sends to a database while `capture` runs, seen where
 * the drivers execute them (`node:sqlite`'s prepared statements, `pg`'s `Client#query`):
 * below Kysely and below Switchboard's prepared queries, which run on the driver directly,
 * so nothing is missed. BEGIN/COMMIT count too (SQLite: `exec`; PostgreSQL: a query).
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

let sink: Statement[] | null = null;

function patch(): void {
  const proto = StatementSync.prototype as unknown as Record<string, unknown>;
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const original = proto[method] as (this: StatementSync, ...args: unknown[]) => unknown;
    proto[method] = function (this: StatementSync, ...args: unknown[]) {
      sink?.push({ sql: this.sourceSQL, params: args });
      return original.apply(this, args);
    };
  }
  const exec = DatabaseSync.prototype.exec;
  DatabaseSync.prototype.exec = function (this: DatabaseSync, sql: string) {
    sink?.push({ sql, params: [] });
    return exec.call(this, sql);
  };
  const client = pg.Client.prototype as unknown as Record<string, unknown>;
  const query = client.query as (...args: unknown[]) => unknown;
  client.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string')
      sink?.push({ sql: first, params: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[] };
      sink?.push({ sql: config.text, params: config.values ?? [] });
    }
    return query.apply(this, args);
  };
}
patch();

/** Runs `work`, answering what it returned and the statements it sent. */
export async function capture<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  sink = statements;
  try {
    return { result: await work(), statements };
  } finally {
    sink = null;
  }
}

/** A connection for query plans: `plan(sql, params)` answers the plan's lines. */
export interface Planner {
  plan(sql: string, params: unknown[]): Promise<string[]>;
  /** Milliseconds one run of the statement takes (the median of `times` runs). */
  time(sql: string, params: unknown[], times?: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * SQLite: `EXPLAIN QUERY PLAN` (the tree flattened, one line per step); PostgreSQL:
 * `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)` for a query — it runs the statement, so its row
 * counts are the real ones — and `EXPLAIN (COSTS OFF)` for a write (not run).
 */
export async function planner(databaseUrl: string): Promise<Planner> {
  if (isPostgresUrl(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      async plan(sql, params) {
        // A write is explained without running it.
        const analyze = /^\s*select/i.test(sql) ? 'analyze, ' : '';
        const { rows } = await client.query(
          `explain (${analyze}costs off, timing off) ${sql}`,
          params,
        );
        return rows
          .map((row: Record<string, string>) => row['QUERY PLAN'] ?? '')
          .filter((line) => !/^(Planning|Execution) Time/.test(line));
      },
      async time(sql, params, times = 20) {
        const runs: number[] = [];
        for (let i = 0; i < times; i++) {
          const started = performance.now();
          await client.query(sql, params);
          runs.push(performance.now() - started);
        }
        return runs.sort((a, b) => a - b)[Math.floor(times / 2)] ?? Number.NaN;
      },
      close: () => client.end(),
    };
  }
  const db = new DatabaseSync(databaseUrl, { timeout: 5000 });
  /** `$1`-style placeholders (PostgreSQL's, which the callers may write) as SQLite's `?`. */
  const sqliteSql = (sql: string) => sql.replace(/\$\d+/g, '?');
  const bind = (params: unknown[]) =>
    params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p)) as never[];
  return {
    async plan(sql, params) {
      const rows = db.prepare(`explain query plan ${sqliteSql(sql)}`).all(...bind(params)) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, 0]]);
      return rows.map((row) => {
        const level = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, level);
        return `${'  '.repeat(level - 1)}${row.detail}`;
      });
    },
    async time(sql, params, times = 20) {
      const statement = db.prepare(sqliteSql(sql));
      const runs: number[] = [];
      for (let i = 0; i < times; i++) {
        const started = performance.now();
        statement.all(...bind(params));
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[Math.floor(times / 2)] ?? Number.NaN;
    },
    close: async () => db.close(),
  };
}
