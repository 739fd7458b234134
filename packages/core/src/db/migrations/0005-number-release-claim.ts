import type { SchemaMigration } from './migration-context.js';

/** When a release of a number began: one release at a time claims the number (P5). */
export const numberReleaseClaim: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema.alterTable('phone_numbers').addColumn('releasing_at', timestamp).execute();
  },
};
