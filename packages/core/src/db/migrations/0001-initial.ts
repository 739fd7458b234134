import { sql } from 'kysely';
import type { SchemaMigration } from './migration-context.js';

/** Accounts, users, single-use tokens, the audit log and the mail outbox. */
export const initial: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_name', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('city', 'text')
      .addColumn('state', 'text')
      .addColumn('zip', 'text')
      .addColumn('phone_number', 'text')
      .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('updated_at', timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) =>
        c.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('can_create', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('can_share', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('two_factor_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active')`))
      .addColumn('password_hash', 'text')
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('updated_at', timestamp, (c) => c.notNull())
      .execute();
    // U1: one email per platform, by normalised key.
    await db.schema
      .createIndex('users_email_key_unique')
      .on('users')
      .column('email_key')
      .unique()
      .execute();
    // U7: keyset pages per account ordered by last name, first name, id.
    await db.schema
      .createIndex('users_account_name_idx')
      .on('users')
      .columns(['account_id', 'last_name', 'first_name', 'id'])
      .execute();

    await db.schema
      .createTable('user_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) =>
        c.notNull().check(sql`purpose in ('activation', 'password_reset')`),
      )
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', timestamp, (c) => c.notNull())
      .addColumn('used_at', timestamp)
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('user_tokens_token_hash_unique')
      .on('user_tokens')
      .column('token_hash')
      .unique()
      .execute();
    await db.schema
      .createIndex('user_tokens_user_idx')
      .on('user_tokens')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('changed_fields', 'text', (c) => c.notNull())
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_account_idx')
      .on('audit_events')
      .columns(['account_id', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text')
      .addColumn('html_body', 'text')
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', timestamp, (c) => c.notNull())
      .addColumn('sent_at', timestamp)
      .addColumn('last_error', 'text')
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('mail_outbox_due_idx')
      .on('mail_outbox')
      .columns(['sent_at', 'next_attempt_at'])
      .execute();
  },
};
