import type * as NodeSqlite from 'node:sqlite';

/** The oldest Node.js whose built-in `node:sqlite` has all that `sqlite()` uses, unflagged. */
export const sqliteMinimumNode = '22.16.0';

let loading: Promise<typeof NodeSqlite> | undefined;

/**
 * Node's built-in `node:sqlite`, imported at the first SQLite connection rather than with
 * the core, so that a PostgreSQL user's `import('@switchboard/core')` never loads it. Fails
 * with a message naming the Node.js version it needs; a later call tries again.
 *
 * @example const { DatabaseSync } = await loadNodeSqlite();
 */
export function loadNodeSqlite(): Promise<typeof NodeSqlite> {
  loading ??= import('node:sqlite').catch((error: unknown) => {
    loading = undefined;
    throw new Error(
      `sqlite() needs node:sqlite, built into Node.js ${sqliteMinimumNode} and later; this is Node.js ${process.versions.node}. Upgrade Node.js, or use postgres().`,
      { cause: error },
    );
  });
  return loading;
}
