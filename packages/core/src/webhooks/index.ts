// The webhooks area's public API (E4): the service, the worker, and what the write pipeline
// calls to queue a change's events in its transaction. Only this area's files touch
// `webhook_endpoints`, `webhook_deliveries` and `webhook_attempts`.
import type { Executor } from '../db/database.js';
import type { WebhookEventInput } from './enqueue-webhook-events.js';

export { strictAddressPolicy, type WebhookAddressPolicy } from './address-policy.js';
export { enqueueWebhookEvents, type WebhookEventInput } from './enqueue-webhook-events.js';
export { type HostLookup, type ResolvedAddress, systemLookup } from './post-webhook.js';
export type { WebhookOptions } from './webhook-options.js';
export { WebhookWorker, type WebhookWorkerOptions } from './webhook-worker.js';
export { type WebhooksDeps, WebhooksService } from './webhooks-service.js';

/** What the write pipeline hands recorded changes to: queued in its transaction, sent after commit. */
export interface WebhookEvents {
  /** Queues the events' deliveries in the change's transaction; how many were queued. */
  enqueue(db: Executor, events: readonly WebhookEventInput[]): Promise<number>;
  /** Starts sending after the commit. */
  kick(): void;
}
