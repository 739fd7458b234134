import type { SchemaMigration } from './migration-context.js';

/**
 * Pruning finished webhook deliveries (E4): housekeeping deletes those that succeeded or
 * failed longer ago than the retention, oldest first, by this index.
 */
export const webhookDeliveryRetention: SchemaMigration = {
  async up(db) {
    await db.schema
      .createIndex('webhook_deliveries_finished_idx')
      .on('webhook_deliveries')
      .columns(['status', 'updated_at'])
      .execute();
  },
};
