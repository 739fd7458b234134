import { webhookRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** The account's webhook endpoints and their deliveries (admins only; E4). */
export const webhookHandlers = handleRoutes(webhookRoutes, {
  listWebhookEndpoints: async ({ switchboard, actor }) => ({
    data: await switchboard.webhooks.list(actor()),
  }),
  createWebhookEndpoint: async ({ switchboard, actor, body }) =>
    switchboard.webhooks.create(actor(), await body()),
  getWebhookEndpoint: ({ switchboard, actor, params }) =>
    switchboard.webhooks.get(actor(), params.id),
  updateWebhookEndpoint: async ({ switchboard, actor, params, body, condition }) =>
    switchboard.webhooks.update(actor(), params.id, await body(), condition),
  deleteWebhookEndpoint: ({ switchboard, actor, params, condition }) =>
    switchboard.webhooks.delete(actor(), params.id, condition),
  rotateWebhookSecret: ({ switchboard, actor, params }) =>
    switchboard.webhooks.rotateSecret(actor(), params.id),
  sendWebhookTest: async ({ switchboard, actor, params }) => {
    await switchboard.webhooks.sendTest(actor(), params.id);
    return { accepted: true as const };
  },
  listWebhookDeliveries: ({ switchboard, actor, params, query }) =>
    switchboard.webhooks.listDeliveries(actor(), params.id, query),
  retryWebhookDelivery: async ({ switchboard, actor, params }) => {
    await switchboard.webhooks.retryDelivery(actor(), params.id, params.deliveryId);
    return { accepted: true as const };
  },
});
