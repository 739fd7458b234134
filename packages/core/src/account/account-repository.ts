import type { Account } from '@switchboard/contract';
import type { Selectable, Updateable } from 'kysely';
import type { AccountsTable, Executor } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool, isoTimestamp } from '../db/row-values.js';
import { SwitchboardError } from '../errors/switchboard-error.js';

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    companyName: row.company_name,
    address: row.address,
    city: row.city,
    state: row.state,
    zip: row.zip,
    phoneNumber: row.phone_number,
    demo: bool(row.demo),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    version: row.version,
  };
}

const accountQuery = preparedQuery((db: Executor, id: string) =>
  db.selectFrom('accounts').selectAll().where('id', '=', id),
);
const accountForUpdateQuery = preparedQuery((db: Executor, id: string) =>
  // FOR NO KEY UPDATE: serialises changes of the account with each other, yet lets other
  // changes insert rows that reference it (an audit event's foreign key takes KEY SHARE),
  // which FOR UPDATE would block — a deadlock with any change holding a row we then need.
  db.selectFrom('accounts').selectAll().where('id', '=', id).forNoKeyUpdate(),
);

/** The account, or null. `forUpdate` locks its row until the transaction ends (PostgreSQL, FOR NO KEY UPDATE). */
export async function findAccount(
  db: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Account | null> {
  const [row] = await (options.forUpdate === true ? accountForUpdateQuery : accountQuery)(db, id);
  return row ? toAccount(row) : null;
}

export async function insertAccount(
  db: Executor,
  account: { id: string; companyName: string; demo: boolean; now: string },
): Promise<Account> {
  const row = await db
    .insertInto('accounts')
    .values({
      id: account.id,
      company_name: account.companyName,
      demo: account.demo,
      created_at: account.now,
      updated_at: account.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

export async function updateAccountRow(
  db: Executor,
  id: string,
  values: Updateable<AccountsTable>,
): Promise<Account | null> {
  const row = await db
    .updateTable('accounts')
    .set(values)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/**
 * The account, read inside a change and locked until it commits (PostgreSQL `FOR UPDATE`;
 * a SQLite write transaction holds the whole database already), so changes guarding an
 * account-wide rule (U4, P4) run one at a time per account. `not_found` when there is none.
 */
export async function lockAccount(
  tx: { trx: Executor; dialect: 'sqlite' | 'postgres' },
  id: string,
): Promise<Account> {
  const account = await findAccount(tx.trx, id, { forUpdate: tx.dialect === 'postgres' });
  if (!account) throw new SwitchboardError('not_found', 'No such account');
  return account;
}

/** Whether any account exists yet. */
export async function hasAnyAccount(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
