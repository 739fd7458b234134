import type { CompiledQuery, DialectAdapter, QueryResult } from 'kysely';

/**
 * Runs a compiled query at once, synchronously, when that is safe; `undefined` when the
 * caller must take Kysely's usual (asynchronous) path instead.
 */
export interface SyncQueryRunner {
  runSync<R>(compiled: CompiledQuery, inTransaction: boolean): QueryResult<R> | undefined;
}

/** Runners by the adapter of the Kysely instance they serve (one adapter per instance). */
const runners = new WeakMap<DialectAdapter, SyncQueryRunner>();

export function registerSyncRunner(adapter: DialectAdapter, runner: SyncQueryRunner): void {
  runners.set(adapter, runner);
}

/** The synchronous runner of a Kysely instance's adapter, if its dialect has one. */
export function syncRunnerOf(adapter: DialectAdapter): SyncQueryRunner | undefined {
  return runners.get(adapter);
}
