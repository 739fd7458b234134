import type { Integration, IntegrationDetails } from '@switchboard/contract';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor, IntegrationsTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { isoTimestamp } from '../db/row-values.js';
import type { Actor } from '../shared/actor.js';
import { memberReason } from './verification-failure.js';

export const integrationNameIndex = {
  name: 'integrations_account_name_unique',
  columns: 'integrations.account_id, integrations.name_key',
};

/** How names are compared within an account (I1): trimmed, case-insensitive. */
export function integrationNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLowerCase();
}

/**
 * An integration as answers show it to `viewer`: admins see the reason of the last failed
 * check in the service's (scrubbed) words; other users only its summary, since a service's
 * text can echo what the credentials were (issue 17).
 */
export function toIntegration(row: Selectable<IntegrationsTable>, viewer: Actor): Integration {
  const reason =
    row.status_reason && (viewer.isAdmin ? row.status_reason : memberReason(row.status_reason));
  return {
    id: row.id,
    service: row.service,
    name: row.name,
    description: row.description,
    details: JSON.parse(row.details) as IntegrationDetails,
    status: {
      state: row.status_state,
      checkedAt: row.status_checked_at ? isoTimestamp(row.status_checked_at) : null,
      ...(reason ? { reason } : {}),
    },
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    version: row.version,
  };
}

const integrationsOfAccount = preparedQuery((db: Executor, accountId: string) =>
  db.selectFrom('integrations').selectAll().where('account_id', '=', accountId).orderBy('name_key'),
);

/** The account's integrations by name; one query, compiled once (every user lists them). */
export async function findAccountIntegrations(
  db: Executor,
  accountId: string,
): Promise<Selectable<IntegrationsTable>[]> {
  return integrationsOfAccount(db, accountId);
}

/**
 * One integration of the account, or undefined. `forUpdate` locks its row until the change
 * commits (PostgreSQL; a SQLite write transaction holds the database already).
 */
export async function findAccountIntegration(
  db: Executor,
  accountId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Selectable<IntegrationsTable> | undefined> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .$if(options.forUpdate === true, (query) => query.forUpdate())
    .executeTakeFirst();
}

/** Inserts an integration; a name in use in the account fails on `integrationNameIndex`. */
export async function insertIntegration(
  db: Executor,
  row: Insertable<IntegrationsTable>,
): Promise<Selectable<IntegrationsTable>> {
  return db.insertInto('integrations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes columns of one integration and returns it (undefined when there is none). */
export async function updateIntegrationRow(
  db: Executor,
  id: string,
  values: Updateable<IntegrationsTable>,
): Promise<Selectable<IntegrationsTable> | undefined> {
  return db
    .updateTable('integrations')
    .set(values)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Removes one integration. */
export async function deleteIntegrationRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('integrations').where('id', '=', id).execute();
}

/** How many integrations are sealed under another key than `keyId`. */
export async function countSealedUnderOtherKeys(db: Executor, keyId: string): Promise<number> {
  const { count } = await db
    .selectFrom('integrations')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('key_id', '!=', keyId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Up to `limit` integrations sealed under another key than `keyId`, by id. */
export async function findSealedUnderOtherKeys(
  db: Executor,
  keyId: string,
  limit: number,
): Promise<Selectable<IntegrationsTable>[]> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where('key_id', '!=', keyId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Stores a configuration re-sealed under another key, unless the row was re-sealed (or
 * changed key) meanwhile; whether it was written.
 */
export async function storeResealed(
  db: Executor,
  row: { id: string; key_id: string },
  sealed: { sealed: string; keyId: string },
): Promise<boolean> {
  const result = await db
    .updateTable('integrations')
    .set({ sealed_config: sealed.sealed, key_id: sealed.keyId })
    .where('id', '=', row.id)
    .where('key_id', '=', row.key_id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
