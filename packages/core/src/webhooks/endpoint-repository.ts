import type { WebhookEndpoint } from '@switchboard/contract';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor, WebhookEndpointsTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool, isoTimestamp } from '../db/row-values.js';

/** An endpoint as stored. */
export type EndpointRow = Selectable<WebhookEndpointsTable>;

/** An endpoint as every API returns it: never its secrets. */
export function toWebhookEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as string[],
    description: row.description,
    enabled: bool(row.enabled),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    version: row.version,
  };
}

/** The associated data an endpoint's secrets are sealed under: its account and its row. */
export function secretContext(accountId: string, endpointId: string): string {
  return `switchboard:webhook-endpoint:${accountId}:${endpointId}`;
}

/** The account's endpoints, oldest first. */
export async function findAccountEndpoints(
  db: Executor,
  accountId: string,
): Promise<EndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * One endpoint of the account, or undefined. `forUpdate` locks its row until the change
 * commits (PostgreSQL; a SQLite write transaction holds the database already).
 */
export async function findAccountEndpoint(
  db: Executor,
  accountId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<EndpointRow | undefined> {
  return (
    db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      // NO KEY UPDATE: serialises changes of the endpoint without blocking what only refers to it.
      .$if(options.forUpdate === true, (query) => query.forNoKeyUpdate())
      .executeTakeFirst()
  );
}

/** One endpoint by id, whatever its account (the delivery worker's read). */
export async function findEndpoint(db: Executor, id: string): Promise<EndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many endpoints the account has. */
export async function countAccountEndpoints(db: Executor, accountId: string): Promise<number> {
  const { count } = await db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

const enabledEndpointsQuery = preparedQuery((db: Executor, accountId: string, enabled: boolean) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['id', 'event_types'])
    .where('account_id', '=', accountId)
    .where('enabled', '=', enabled),
);

/** The account's enabled endpoints and what they subscribe to; one query, compiled once (every change asks). */
export async function findEnabledEndpoints(
  db: Executor,
  accountId: string,
): Promise<{ id: string; eventTypes: string[] }[]> {
  const rows = await enabledEndpointsQuery(db, accountId, true);
  return rows.map((row) => ({ id: row.id, eventTypes: JSON.parse(row.event_types) as string[] }));
}

export async function insertEndpoint(
  db: Executor,
  row: Insertable<WebhookEndpointsTable>,
): Promise<EndpointRow> {
  return db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes columns of one endpoint, counting a new version (C1), and returns it. */
export async function updateEndpointRow(
  db: Executor,
  id: string,
  values: Updateable<WebhookEndpointsTable>,
): Promise<EndpointRow> {
  return db
    .updateTable('webhook_endpoints')
    .set(values)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes one endpoint, its deliveries and their attempts. */
export async function deleteEndpointRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}
