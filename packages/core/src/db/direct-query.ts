import type { CompiledQuery, Dialect, DialectAdapter, Kysely, QueryResult } from 'kysely';

/**
 * Runs a compiled query straight on the driver, past Kysely's executor and connection
 * provider, when that is safe; `undefined` when the caller must take Kysely's usual path.
 * On SQLite the answer comes synchronously; on PostgreSQL as the pool's own promise.
 */
export interface DirectQueryRunner {
  run<R>(
    compiled: CompiledQuery,
    inTransaction: boolean,
  ): QueryResult<R> | Promise<QueryResult<R>> | undefined;
}

/** Runners by the adapter of the Kysely instance they serve (one adapter per instance). */
const runners = new WeakMap<DialectAdapter, DirectQueryRunner>();
/** The runner of the driver each of our dialects created last. */
const lastRunners = new WeakMap<Dialect, DirectQueryRunner>();

/** Called by our dialects as they create a driver (Kysely does so in its constructor). */
export function noteDirectRunner(dialect: Dialect, runner: DirectQueryRunner): void {
  lastRunners.set(dialect, runner);
}

/**
 * Lets prepared queries of `db`, just created over `dialect`, run straight on its driver
 * when `dialect` is one of ours (`sqlite()`, `postgres()`). A dialect wrapped by someone
 * else (to log or count statements, say) keeps every statement on Kysely's path.
 */
export function enableDirectQueries<DB>(db: Kysely<DB>, dialect: Dialect): void {
  const runner = lastRunners.get(dialect);
  if (runner) runners.set(db.getExecutor().adapter, runner);
}

/** The direct runner of a Kysely instance's adapter, if it has one. */
export function directRunnerOf(adapter: DialectAdapter): DirectQueryRunner | undefined {
  return runners.get(adapter);
}
