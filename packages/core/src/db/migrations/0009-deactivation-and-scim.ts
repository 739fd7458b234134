import type { SchemaMigration } from './migration-context.js';

/**
 * Deactivation (U9): a user's `deactivated_at`, null while they may sign in; their `status`
 * keeps whether they ever activated, so reactivation restores it. Provisioning (S1): the
 * identity provider's `external_id` of a user, the indexes SCIM lists and filters by, and the
 * accounts' SCIM tokens (hashed; revoked ones are kept, marked, for the audit trail).
 */
export const deactivationAndScim: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema.alterTable('users').addColumn('deactivated_at', timestamp).execute();
    await db.schema.alterTable('users').addColumn('external_id', 'text').execute();
    await db.schema
      .createIndex('users_account_external_id_idx')
      .on('users')
      .columns(['account_id', 'external_id'])
      .execute();
    // SCIM pages (startIndex/count) in the order users were added.
    await db.schema
      .createIndex('users_account_created_idx')
      .on('users')
      .columns(['account_id', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('scim_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) =>
        c.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('last_used_at', timestamp)
      .addColumn('revoked_at', timestamp)
      .execute();
    await db.schema
      .createIndex('scim_tokens_token_hash_unique')
      .on('scim_tokens')
      .column('token_hash')
      .unique()
      .execute();
    await db.schema
      .createIndex('scim_tokens_account_idx')
      .on('scim_tokens')
      .columns(['account_id', 'created_at'])
      .execute();
  },
};
