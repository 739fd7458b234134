import type { SchemaMigration } from './migration-context.js';

/**
 * When a release of a number began (one release at a time claims the number, P5), and an
 * index to find the placeholders of purchases a crash interrupted.
 */
export const numberReleaseClaim: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema.alterTable('phone_numbers').addColumn('releasing_at', timestamp).execute();
    await db.schema
      .createIndex('phone_numbers_status_idx')
      .on('phone_numbers')
      .columns(['status', 'updated_at'])
      .execute();
  },
};
