import { sql } from 'kysely';
import type { SchemaMigration } from './migration-context.js';

/** The account's phone numbers, and numbers resting after release before they are handed out again. */
export const phoneNumbers: SchemaMigration = {
  async up(db, { timestamp }) {
    await db.schema
      .createTable('phone_numbers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) =>
        c.notNull().references('accounts.id').onDelete('cascade'),
      )
      // Null while the provisioner has not confirmed a number yet.
      .addColumn('number', 'text')
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('pci', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('application_id', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('provisioning', 'active')`),
      )
      .addColumn('provider_ref', 'text')
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .addColumn('updated_at', timestamp, (c) => c.notNull())
      .execute();
    // P1: a number belongs to one account of the platform at a time.
    await db.schema
      .createIndex('phone_numbers_number_unique')
      .on('phone_numbers')
      .column('number')
      .unique()
      .execute();
    await db.schema
      .createIndex('phone_numbers_account_idx')
      .on('phone_numbers')
      .columns(['account_id', 'number', 'id'])
      .execute();
    await db.schema
      .createIndex('phone_numbers_owner_idx')
      .on('phone_numbers')
      .columns(['owner_id', 'number', 'id'])
      .execute();

    await db.schema
      .createTable('number_quarantine')
      .addColumn('number', 'text', (c) => c.primaryKey())
      .addColumn('released_at', timestamp, (c) => c.notNull())
      .execute();
  },
};
