import type { Selectable } from 'kysely';
import type { PhoneNumber } from '../contract/phone-number.js';
import type { Executor, PhoneNumbersTable } from '../db/database.js';
import { bool, isoTimestamp } from '../db/row-values.js';

export function toPhoneNumber(row: Selectable<PhoneNumbersTable>): PhoneNumber {
  return {
    id: row.id,
    number: row.number ?? '',
    ownerId: row.owner_id,
    pci: bool(row.pci),
    applicationId: row.application_id,
    createdAt: isoTimestamp(row.created_at),
  };
}

export const numberIndex = { name: 'phone_numbers_number_unique', columns: 'phone_numbers.number' };

/** An active number of the account, or undefined. */
export async function findAccountNumber(db: Executor, accountId: string, id: string) {
  return db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst();
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
    .set({ owner_id: toUserId, updated_at: at })
    .where('owner_id', '=', fromUserId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
