import type { WebhookDelivery } from '@switchboard/contract';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, WebhookAttemptsTable, WebhookDeliveriesTable } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import { isoTimestamp } from '../db/row-values.js';

/** A delivery as stored. */
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** A delivery as the API lists it: where it stands and its last attempt (no payload). */
export function toWebhookDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    lastResponseStatus: row.last_response_status === null ? null : Number(row.last_response_status),
    lastError: row.last_error,
    nextAttemptAt:
      row.status === 'pending' && row.next_attempt_at ? isoTimestamp(row.next_attempt_at) : null,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** Queues deliveries (in the caller's transaction). */
export async function insertDeliveries(
  db: Executor,
  rows: readonly Insertable<WebhookDeliveriesTable>[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('webhook_deliveries')
      .values([...rows])
      .execute();
}

/**
 * Up to `limit` due deliveries, soonest first: one bounded range of the due index, however
 * long the queue. A read without locks: `leaseDeliveries` then takes what is still free.
 */
export async function findDueDeliveries(
  db: Executor,
  now: string,
  limit: number,
): Promise<{ id: string; endpoint_id: string }[]> {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'endpoint_id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * The endpoints that have pending deliveries, in id order (up to `limit`): a skip scan of
 * `webhook_deliveries_endpoint_due_idx`, one seek per endpoint, however many deliveries
 * each has queued.
 */
export async function findEndpointsWithPending(db: Executor, limit: number): Promise<string[]> {
  const { rows } = await sql<{ endpoint_id: string }>`
    with recursive pending(endpoint_id) as (
      select min(endpoint_id) from webhook_deliveries where status = 'pending'
      union all
      select (
        select min(d.endpoint_id) from webhook_deliveries d
        where d.status = 'pending' and d.endpoint_id > pending.endpoint_id
      )
      from pending where pending.endpoint_id is not null
    )
    select endpoint_id from pending where endpoint_id is not null limit ${limit}`.execute(db);
  return rows.map((row) => row.endpoint_id);
}

/** Up to `room[i]` due deliveries of each endpoint `endpoints[i]`, each's soonest first. */
export async function findEndpointsDue(
  db: Executor,
  now: string,
  wanted: readonly { endpointId: string; room: number }[],
): Promise<{ id: string; endpoint_id: string }[]> {
  if (wanted.length === 0) return [];
  const [first, ...rest] = wanted.map(({ endpointId, room }) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select(['id', 'endpoint_id'])
          .where('status', '=', 'pending')
          .where('endpoint_id', '=', endpointId)
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(room)
          .as('due'),
      )
      .selectAll(),
  );
  if (!first) return [];
  return rest.reduce((query, next) => query.unionAll(next), first).execute();
}

/**
 * Leases the given deliveries that are still pending and due to `lease` until
 * `leaseUntil`, in one statement, and returns them. On PostgreSQL the rows are taken `FOR
 * UPDATE SKIP LOCKED`: of several workers asking for the same rows at once, exactly one
 * gets each, and none waits on another. (SQLite runs one write at a time.) A leased
 * delivery is due again when its lease ends — a worker that died mid-send is replaced.
 */
export async function leaseDeliveries(
  db: Executor,
  dialect: DialectName,
  ids: readonly string[],
  lease: { token: string; now: string; until: string },
): Promise<DeliveryRow[]> {
  if (ids.length === 0) return [];
  return db
    .updateTable('webhook_deliveries')
    .set({ lease: lease.token, next_attempt_at: lease.until })
    .where('id', 'in', (eb) => {
      const free = eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('id', 'in', [...ids])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', lease.now);
      return dialect === 'postgres' ? free.forUpdate().skipLocked() : free;
    })
    .returningAll()
    .execute();
}

/** What one attempt leaves on its delivery. */
export interface AttemptResult {
  status: WebhookDeliveriesTable['status'];
  nextAttemptAt: string | null;
  responseStatus: number | null;
  error: string | null;
  at: string;
}

/**
 * Writes an attempt's result on its delivery, counting it, if the delivery is still
 * leased to `token` (its lease did not run out and go to another worker); whether it was.
 */
export async function finishAttempt(
  db: Executor,
  id: string,
  token: string,
  result: AttemptResult,
): Promise<boolean> {
  const updated = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: result.status,
      next_attempt_at: result.nextAttemptAt,
      lease: null,
      last_response_status: result.responseStatus,
      last_error: result.error,
      updated_at: result.at,
    }))
    .where('id', '=', id)
    .where('lease', '=', token)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * Deletes up to `limit` deliveries that succeeded or failed before `before` (with their
 * attempts), oldest first; how many went. Pending ones are never pruned.
 */
export async function deleteFinishedDeliveries(
  db: Executor,
  before: string,
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', 'in', ['succeeded', 'failed'])
        .where('updated_at', '<', before)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes one delivery (and its attempts). */
export async function deleteDelivery(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('id', '=', id).execute();
}

export async function insertAttempt(
  db: Executor,
  row: Insertable<WebhookAttemptsTable>,
): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

/** Gives up an endpoint's pending deliveries that no worker holds (the endpoint was turned off). */
export async function failPendingDeliveries(
  db: Executor,
  endpointId: string,
  reason: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: reason, updated_at: at })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease', 'is', null), eb('next_attempt_at', '<=', at)]))
    .execute();
}

/** One page of an endpoint's deliveries, newest first, after the `(created_at, id)` of `after`. */
export async function findDeliveriesPage(
  db: Executor,
  endpointId: string,
  options: { after: readonly [string, string] | null; limit: number },
): Promise<DeliveryRow[]> {
  const { after } = options;
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .$if(after !== null, (query) =>
      query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after?.[0] ?? '', after?.[1] ?? '')),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
}

/**
 * Makes a delivery due now, unless a worker is sending it at this moment. A delivery that
 * succeeded or failed is pending again for one more attempt. Whether the delivery exists.
 */
export async function retryDeliveryNow(
  db: Executor,
  endpointId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select(['status', 'attempts', 'lease', 'next_attempt_at'])
    .where('id', '=', id)
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirst();
  if (!row) return false;
  const sending =
    row.lease !== null && row.next_attempt_at !== null && isoTimestamp(row.next_attempt_at) > at;
  if (sending) return true;
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: at,
      lease: null,
      updated_at: at,
      ...(row.status === 'pending' ? {} : { max_attempts: Number(row.attempts) + 1 }),
    })
    .where('id', '=', id)
    .execute();
  return true;
}
