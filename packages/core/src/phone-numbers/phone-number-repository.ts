import type { PhoneNumber } from '@switchboard/contract';
import type { Selectable, Updateable } from 'kysely';
import type { Executor, PhoneNumbersTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool, isoTimestamp } from '../db/row-values.js';

export function toPhoneNumber(row: Selectable<PhoneNumbersTable>): PhoneNumber {
  return {
    id: row.id,
    number: row.number ?? '',
    ownerId: row.owner_id,
    pci: bool(row.pci),
    applicationId: row.application_id,
    createdAt: isoTimestamp(row.created_at),
    version: row.version,
  };
}

export const numberIndex = { name: 'phone_numbers_number_unique', columns: 'phone_numbers.number' };

const accountNumberQuery = preparedQuery((db: Executor, accountId: string, id: string) =>
  db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active'),
);

/** An active number of the account, or undefined. */
export async function findAccountNumber(db: Executor, accountId: string, id: string) {
  const [row] = await accountNumberQuery(db, accountId, id);
  return row;
}

const lockAccountNumberQuery = preparedQuery((db: Executor, accountId: string, id: string) =>
  db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .forUpdate(),
);

/**
 * An active number of the account, locked until the change commits (PostgreSQL `FOR UPDATE`;
 * a SQLite write transaction holds the database already), or undefined. Of concurrent
 * changes of one number, the others wait, then see it as it was left.
 */
export async function lockAccountNumber(
  tx: { trx: Executor; dialect: 'sqlite' | 'postgres' },
  accountId: string,
  id: string,
) {
  const query = tx.dialect === 'postgres' ? lockAccountNumberQuery : accountNumberQuery;
  const [row] = await query(tx.trx, accountId, id);
  return row;
}

const setOwnerQuery = preparedQuery((db: Executor, id: string, ownerId: string, at: string) =>
  db
    .updateTable('phone_numbers')
    .set((eb) => ({ owner_id: ownerId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll(),
);

/** Gives a number a new owner; the updated row, or undefined when there is no such number. */
export async function setNumberOwner(db: Executor, id: string, ownerId: string, at: string) {
  const [row] = await setOwnerQuery(db, id, ownerId, at);
  return row;
}

/** How many numbers the account holds or is acquiring (P4 counts both). */
export async function countAccountNumbers(db: Executor, accountId: string): Promise<number> {
  const { count } = await db
    .selectFrom('phone_numbers')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Hands every number a user owns to another user of the account (U5). Called by the users
 * area inside its delete transaction.
 */
export async function reassignOwnedNumbers(
  db: Executor,
  fromUserId: string,
  toUserId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('phone_numbers')
    .set((eb) => ({ owner_id: toUserId, updated_at: at, version: eb('version', '+', 1) }))
    .where('owner_id', '=', fromUserId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Inserts a number still being acquired: it holds the account's slot (P4) but lists nowhere. */
export async function insertPlaceholder(
  db: Executor,
  number: { id: string; accountId: string; ownerId: string; pci: boolean; at: string },
): Promise<void> {
  await db
    .insertInto('phone_numbers')
    .values({
      id: number.id,
      account_id: number.accountId,
      number: null,
      owner_id: number.ownerId,
      pci: number.pci,
      application_id: null,
      status: 'provisioning',
      provider_ref: null,
      releasing_at: null,
      created_at: number.at,
      updated_at: number.at,
    })
    .execute();
}

/** The account's placeholder of a number being acquired under `id`, or undefined. */
export async function findPlaceholder(db: Executor, accountId: string, id: string) {
  return db
    .selectFrom('phone_numbers')
    .select('id')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'provisioning')
    .executeTakeFirst();
}

/** Writes columns of one number and returns the updated row (undefined when there is none). */
export async function updateNumberRow(
  db: Executor,
  id: string,
  values: Updateable<PhoneNumbersTable>,
): Promise<Selectable<PhoneNumbersTable> | undefined> {
  return db
    .updateTable('phone_numbers')
    .set(values)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Removes a number row (a released number, or a placeholder whose purchase failed). */
export async function deleteNumberRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('phone_numbers').where('id', '=', id).execute();
}

/**
 * One page of the account's active numbers by number, then id, after `after` when given;
 * members see only the numbers they own (P1).
 */
export async function findNumbersPage(
  db: Executor,
  page: {
    accountId: string;
    ownerId: string | null;
    after: readonly string[] | null;
    limit: number;
  },
): Promise<Selectable<PhoneNumbersTable>[]> {
  const { accountId, ownerId, after, limit } = page;
  return db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .$if(ownerId !== null, (q) => q.where('owner_id', '=', ownerId ?? ''))
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb(eb.refTuple('number', 'id'), '>', eb.tuple(after?.[0] ?? '', after?.[1] ?? '')),
      ),
    )
    .orderBy('number')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A release older than this was abandoned (a crash mid-release): another may claim the number. */
const releaseClaimMs = 5 * 60 * 1000;

/**
 * Claims an active number of the account for releasing it: of concurrent claims exactly one
 * gets the row (a conditional update), the others undefined — until the claim is dropped,
 * or abandoned for five minutes.
 */
export async function claimNumberRelease(
  db: Executor,
  accountId: string,
  id: string,
  now: Date,
): Promise<Selectable<PhoneNumbersTable> | undefined> {
  const abandonedBefore = new Date(now.getTime() - releaseClaimMs).toISOString();
  return db
    .updateTable('phone_numbers')
    .set({ releasing_at: now.toISOString() })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([eb('releasing_at', 'is', null), eb('releasing_at', '<', abandonedBefore)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Placeholders of purchases last touched before `before` (interrupted by a crash, say). */
export async function findStalePlaceholders(
  db: Executor,
  before: string,
  accountId?: string,
): Promise<Selectable<PhoneNumbersTable>[]> {
  return db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('status', '=', 'provisioning')
    .where('updated_at', '<', before)
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId ?? ''))
    .limit(100)
    .execute();
}

/**
 * Takes a stale placeholder for reconciling it: of several instances exactly one gets it (a
 * conditional update on the time it was last touched), and it stays taken for a while.
 */
export async function claimPlaceholder(
  db: Executor,
  row: Selectable<PhoneNumbersTable>,
  at: string,
): Promise<boolean> {
  const claimed = await db
    .updateTable('phone_numbers')
    .set({ updated_at: at })
    .where('id', '=', row.id)
    .where('status', '=', 'provisioning')
    .where('updated_at', '=', row.updated_at)
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}
