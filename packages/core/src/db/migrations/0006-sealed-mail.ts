import type { SchemaMigration } from './migration-context.js';

/**
 * Mail kept sealed until it is sent: subject, text and HTML as one AES-256-GCM sealed
 * value under the key ring (its key id beside it), so no emailed link or code is ever
 * stored in clear when a key ring is configured.
 */
export const sealedMail: SchemaMigration = {
  async up(db) {
    await db.schema.alterTable('mail_outbox').addColumn('sealed_content', 'text').execute();
    await db.schema.alterTable('mail_outbox').addColumn('key_id', 'text').execute();
  },
};
