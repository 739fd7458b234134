import { type Kysely, PostgresAdapter, SqliteAdapter } from 'kysely';
import type { Database } from './database.js';

/** The SQL dialects the core runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** Which dialect a Kysely instance speaks; anything else is refused. */
export function dialectName(db: Kysely<Database>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('Switchboard supports SQLite (sqlite()) and PostgreSQL (postgres()) only');
}
