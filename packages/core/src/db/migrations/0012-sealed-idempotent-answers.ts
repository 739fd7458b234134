import type { SchemaMigration } from './migration-context.js';

/**
 * Idempotency keys on the routes whose answer shows a secret once (C2): such an answer is
 * kept sealed under the key ring, and `response_key_id` names the key (null: kept in clear).
 */
export const sealedIdempotentAnswers: SchemaMigration = {
  async up(db) {
    await db.schema.alterTable('idempotency_keys').addColumn('response_key_id', 'text').execute();
  },
};
