import type { WebhookEvent } from '@switchboard/contract';
import type { Insertable } from 'kysely';
import type { AuditActor } from '../audit/index.js';
import type { Executor, WebhookDeliveriesTable } from '../db/database.js';
import { newId } from '../shared/ids.js';
import { insertDeliveries } from './delivery-repository.js';
import { findEnabledEndpoints } from './endpoint-repository.js';
import { matchesEventTypes } from './event-types.js';
import { defaultMaxAttempts } from './retry-schedule.js';

/** One recorded change, as the write pipeline hands it over to become an event (E4). */
export interface WebhookEventInput {
  /** The event's id (the audit event's, when the audit log gives one). */
  id?: string;
  accountId: string;
  /** The audit action: `user.added`. */
  type: string;
  /** The change's time (ISO). */
  at: string;
  actor: AuditActor;
  /** The resource as the API returns it after the change; `{ id }` for a deletion. */
  object: Readonly<Record<string, unknown>>;
  changedFields: readonly string[];
}

/** The actor as events and the audit log show it. */
function eventActor(actor: AuditActor): WebhookEvent['data']['actor'] {
  if (actor.type === 'user') return { type: 'user', id: actor.userId };
  if (actor.type === 'scim') return { type: 'scim', id: actor.tokenId };
  return { type: actor.type, id: null };
}

/**
 * An event's JSON as every attempt sends it.
 *
 * @example webhookEventJson({ id: 'evt_…', accountId, type: 'user.added', at, actor, object: user, changedFields: [] })
 */
export function webhookEventJson(event: WebhookEventInput & { id: string }): string {
  const body: WebhookEvent = {
    id: event.id,
    type: event.type,
    createdAt: event.at,
    accountId: event.accountId,
    data: {
      object: { ...event.object },
      changedFields: [...event.changedFields],
      actor: eventActor(event.actor),
    },
  };
  return JSON.stringify(body);
}

/** A new delivery of one event to one endpoint, due at once. */
export function newDelivery(
  endpointId: string,
  event: { id: string; accountId: string; type: string; at: string; payload: string },
  maxAttempts = defaultMaxAttempts,
): Insertable<WebhookDeliveriesTable> {
  return {
    id: newId('whd'),
    endpoint_id: endpointId,
    account_id: event.accountId,
    event_id: event.id,
    event_type: event.type,
    payload: event.payload,
    status: 'pending',
    max_attempts: maxAttempts,
    next_attempt_at: event.at,
    lease: null,
    last_response_status: null,
    last_error: null,
    created_at: event.at,
    updated_at: event.at,
  };
}

/**
 * Queues each event for every enabled endpoint of its account that subscribes to its type,
 * in the caller's transaction (a transactional outbox): a change that rolls back sends
 * nothing, and one that commits is delivered even if the process dies right after.
 * Returns how many deliveries were queued. One read of the account's endpoints per account.
 */
export async function enqueueWebhookEvents(
  db: Executor,
  events: readonly WebhookEventInput[],
): Promise<number> {
  let queued = 0;
  const endpointsByAccount = new Map<string, { id: string; eventTypes: string[] }[]>();
  for (const event of events) {
    let endpoints = endpointsByAccount.get(event.accountId);
    if (!endpoints) {
      endpoints = await findEnabledEndpoints(db, event.accountId);
      endpointsByAccount.set(event.accountId, endpoints);
    }
    const matching = endpoints.filter((endpoint) =>
      matchesEventTypes(endpoint.eventTypes, event.type),
    );
    if (matching.length === 0) continue;
    const id = event.id ?? newId('evt');
    const payload = webhookEventJson({ ...event, id });
    await insertDeliveries(
      db,
      matching.map((endpoint) => newDelivery(endpoint.id, { ...event, id, payload })),
    );
    queued += matching.length;
  }
  return queued;
}
