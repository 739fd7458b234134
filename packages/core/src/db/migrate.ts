import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Database } from './database.js';
import { dialectName } from './dialect-name.js';
import { migrations } from './migrations/index.js';
import { columnTypes } from './migrations/migration-context.js';

/** Our own names, so Switchboard can share a database with an app that uses Kysely too. */
export const migrationTableName = 'switchboard_migration';
export const migrationLockTableName = 'switchboard_migration_lock';

/**
 * Brings the schema up to date. Idempotent; when several processes start at once, one
 * migrates while the others wait on a lock (PostgreSQL advisory lock; SQLite write lock).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const types = columnTypes(dialectName(db));
  const migrator = new Migrator({
    db,
    migrationTableName,
    migrationLockTableName,
    provider: {
      async getMigrations() {
        const all: Record<string, Migration> = {};
        for (const [name, migration] of migrations) {
          all[name] = { up: (trx) => migration.up(trx, types) };
        }
        return all;
      },
    },
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    throw new Error('Database migration failed', { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
