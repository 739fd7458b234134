import type { SchemaMigration } from './migration-context.js';

/**
 * Versions (C1): users, accounts, phone numbers and integrations count their changes, so a
 * write can name the version it was made against (`If-Match`). Idempotency keys (C2): one
 * row per caller and key, claimed while its request runs and holding the answer once it
 * has one, until it expires.
 */
export const versionsAndIdempotency: SchemaMigration = {
  async up(db, { timestamp }) {
    for (const table of ['users', 'accounts', 'phone_numbers', 'integrations']) {
      await db.schema
        .alterTable(table)
        .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
        .execute();
    }
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('caller', 'text', (column) => column.notNull())
      .addColumn('key', 'text', (column) => column.notNull())
      .addColumn('fingerprint', 'text', (column) => column.notNull())
      .addColumn('claim', 'text')
      .addColumn('locked_until', timestamp)
      .addColumn('response_status', 'integer')
      .addColumn('response_headers', 'text')
      .addColumn('response_body', 'text')
      .addColumn('created_at', timestamp, (column) => column.notNull())
      .addColumn('expires_at', timestamp, (column) => column.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pkey', ['caller', 'key'])
      .execute();
    await db.schema
      .createIndex('idempotency_keys_expires_idx')
      .on('idempotency_keys')
      .column('expires_at')
      .execute();
  },
};
