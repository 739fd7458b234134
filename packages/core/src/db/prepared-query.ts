import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.js';
import { directRunnerOf } from './direct-query.js';

/**
 * A query built and compiled once per dialect, then run with fresh arguments — for hot
 * paths, where building and compiling with Kysely on every call costs more than SQLite
 * takes to answer. `build` must pass each argument straight into the query as a value
 * (no branching on it, no transforming it), so it can be swapped in the compiled query.
 *
 * With our own dialects it runs straight on the driver, past the promise hops of Kysely's
 * executor and connection handling: on SQLite at once, synchronously, when the connection
 * is free (or held by the calling transaction); on PostgreSQL outside transactions, through
 * the pool's own `query`. Otherwise it goes through Kysely as usual.
 */
export function preparedQuery<Args extends readonly unknown[], Row>(
  build: (db: Executor, ...args: Args) => Compilable<Row>,
): (db: Executor, ...args: Args) => Promise<Row[]> {
  const byDialect = new Map<unknown, { compiled: CompiledQuery<Row>; slots: number[] }>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    const dialect = executor.adapter.constructor;
    let entry = byDialect.get(dialect);
    if (!entry) {
      const markers = args.map((_, i) => `\u0000switchboard-argument-${i}\u0000`);
      const compiled = build(db, ...(markers as unknown as Args)).compile();
      entry = { compiled, slots: compiled.parameters.map((p) => markers.indexOf(p as string)) };
      byDialect.set(dialect, entry);
    }
    const { compiled, slots } = entry;
    const parameters = compiled.parameters.map((p, i) => {
      const slot = slots[i] ?? -1;
      return slot >= 0 ? args[slot] : p;
    });
    const query: CompiledQuery<Row> = { ...compiled, parameters };
    // Plugins transform results; with any, Kysely's own path is the only correct one.
    if (executor.plugins.length === 0) {
      const direct = directRunnerOf(executor.adapter)?.run<Row>(query, db.isTransaction);
      // SQLite answers synchronously: no await (and no extra turn of the microtask queue).
      if (direct) return direct instanceof Promise ? (await direct).rows : direct.rows;
    }
    return (await db.executeQuery<Row>(query)).rows;
  };
}
