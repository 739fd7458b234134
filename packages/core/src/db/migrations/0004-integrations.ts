import type { SchemaMigration } from './migration-context.js';

/** Integrations with their sealed configuration and last verification. */
export const integrations: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema
      .createTable('integrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) =>
        c.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      // Non-secret facts shown in responses (JSON).
      .addColumn('details', 'text', (c) => c.notNull())
      // The whole configuration, AES-256-GCM sealed; never plain text.
      .addColumn('sealed_config', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('status_state', 'text', (c) => c.notNull())
      .addColumn('status_checked_at', timestamp)
      .addColumn('status_reason', 'text')
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('updated_at', timestamp, (c) => c.notNull())
      .execute();
    // I1: names are unique within an account, whatever their case.
    await db.schema
      .createIndex('integrations_account_name_unique')
      .on('integrations')
      .columns(['account_id', 'name_key'])
      .unique()
      .execute();
    await db.schema
      .createIndex('integrations_key_id_idx')
      .on('integrations')
      .column('key_id')
      .execute();
  },
};
