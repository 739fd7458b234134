import type { SchemaMigration } from './migration-context.js';

/** Sessions, sign-in challenges (two-factor codes) and failure counters for rate limits. */
export const identity: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', timestamp, (c) => c.notNull())
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sessions_token_hash_unique')
      .on('sessions')
      .column('token_hash')
      .unique()
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('login_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', timestamp, (c) => c.notNull())
      .addColumn('used_at', timestamp)
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_challenges_user_idx')
      .on('login_challenges')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('window_start', timestamp, (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .execute();
  },
};
