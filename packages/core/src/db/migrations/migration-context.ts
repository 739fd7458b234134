import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** Column types that differ by dialect. */
export interface ColumnTypes {
  timestamp: 'timestamptz' | 'text';
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return { timestamp: dialect === 'postgres' ? 'timestamptz' : 'text' };
}

/** One schema step. Migrations are append-only: never edit one that has been released. */
export interface SchemaMigration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then, not today's Database type
  up(db: Kysely<any>, types: ColumnTypes): Promise<void>;
}
