import type { SchemaMigration } from './migration-context.js';

/**
 * The worker's per-endpoint reads (E4): the endpoints that have pending deliveries (one
 * index seek each, skipping over every endpoint's rows), and one endpoint's soonest due.
 */
export const webhookDeliveryEndpointDue: SchemaMigration = {
  async up(db) {
    await db.schema
      .createIndex('webhook_deliveries_endpoint_due_idx')
      .on('webhook_deliveries')
      .columns(['status', 'endpoint_id', 'next_attempt_at'])
      .execute();
  },
};
