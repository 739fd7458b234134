import type { User, UserStatus } from '@switchboard/contract';
import { emailKey } from '@switchboard/contract';
import type { Selectable, Updateable } from 'kysely';
import type { Executor, UsersTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool, isoTimestamp } from '../db/row-values.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { SwitchboardError } from '../errors/switchboard-error.js';

/** A user's status as the API tells it: deactivated (U9) over pending or active. */
export function userStatusOf(
  row: Pick<Selectable<UsersTable>, 'status' | 'deactivated_at'>,
): UserStatus {
  return row.deactivated_at === null || row.deactivated_at === undefined
    ? row.status
    : 'deactivated';
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    isAdmin: bool(row.is_admin),
    permissions: { canCreate: bool(row.can_create), canShare: bool(row.can_share) },
    twoFactorEnabled: bool(row.two_factor_enabled),
    status: userStatusOf(row),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    version: row.version,
  };
}

export const emailKeyIndex = { name: 'users_email_key_unique', columns: 'users.email_key' };

const emailTaken = () =>
  new SwitchboardError('email_taken', 'This email address is already in use', {
    issues: [{ path: 'email', message: 'Already in use by another user' }],
  });

export interface NewUserRow {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string;
  isAdmin: boolean;
  canCreate: boolean;
  canShare: boolean;
  now: string;
  /** The identity provider's id of the user (SCIM). */
  externalId?: string | null;
  /** Set to add the user deactivated (SCIM `active: false`). */
  deactivatedAt?: string | null;
}

const insertUserQuery = preparedQuery(
  (
    db: Executor,
    id: string,
    accountId: string,
    firstName: string,
    lastName: string,
    email: string,
    key: string,
    isAdmin: boolean,
    canCreate: boolean,
    canShare: boolean,
    now: string,
    externalId: string | null,
    deactivatedAt: string | null,
  ) =>
    db
      .insertInto('users')
      .values({
        id,
        account_id: accountId,
        first_name: firstName,
        last_name: lastName,
        email,
        email_key: key,
        is_admin: isAdmin,
        can_create: canCreate,
        can_share: canShare,
        two_factor_enabled: false,
        status: 'pending',
        password_hash: null,
        created_at: now,
        updated_at: now,
        external_id: externalId,
        deactivated_at: deactivatedAt,
      })
      .returningAll(),
);

/** Inserts a pending user (deactivated too, when `deactivatedAt` is given); throws `email_taken` when the email's key is in use (U1). */
export async function insertUser(db: Executor, user: NewUserRow): Promise<User> {
  try {
    const [row] = await insertUserQuery(
      db,
      user.id,
      user.accountId,
      user.firstName,
      user.lastName,
      user.email,
      emailKey(user.email),
      user.isAdmin,
      user.canCreate,
      user.canShare,
      user.now,
      user.externalId ?? null,
      user.deactivatedAt ?? null,
    );
    if (!row) throw new Error('The new user was not returned');
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error, emailKeyIndex)) throw emailTaken();
    throw error;
  }
}

const userByIdQuery = preparedQuery((db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id),
);

const userForUpdateQuery = preparedQuery((db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).forUpdate(),
);
const userForKeyShareQuery = preparedQuery((db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).forKeyShare(),
);

/**
 * The user's row, locked until the change commits (PostgreSQL; a SQLite write transaction
 * holds the database already): `update` before deleting or changing the user, `key share`
 * before pointing another row at them (a number's new owner), so that the deletion and the
 * reference wait for each other instead of deadlocking. Undefined when there is none.
 */
export async function lockUserRow(
  tx: { trx: Executor; dialect: 'sqlite' | 'postgres' },
  id: string,
  mode: 'update' | 'key share',
): Promise<Selectable<UsersTable> | undefined> {
  const query =
    tx.dialect === 'sqlite'
      ? userByIdQuery
      : mode === 'update'
        ? userForUpdateQuery
        : userForKeyShareQuery;
  const [row] = await query(tx.trx, id);
  return row;
}

/** The user's row, or undefined; compiled once (it runs on most requests). */
export async function findUserRow(
  db: Executor,
  id: string,
): Promise<Selectable<UsersTable> | undefined> {
  const [row] = await userByIdQuery(db, id);
  return row;
}

/** The user whose email has this key (U1), or undefined. */
export async function findUserByEmailKey(
  db: Executor,
  key: string,
): Promise<Selectable<UsersTable> | undefined> {
  return db.selectFrom('users').selectAll().where('email_key', '=', key).executeTakeFirst();
}

/** How many active admins the account has: admins not deactivated (U4 as U9 counts them). */
export async function countActiveAdmins(db: Executor, accountId: string): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('account_id', '=', accountId)
    .where('is_admin', '=', true)
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * The account's earliest added active admin other than `exceptId` (who gets a deleted
 * user's numbers when no one is named: U5 through SCIM), or undefined.
 */
export async function findEarliestActiveAdmin(
  db: Executor,
  accountId: string,
  exceptId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', accountId)
    .where('is_admin', '=', true)
    .where('deactivated_at', 'is', null)
    .where('id', '!=', exceptId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Writes columns of one user, counting a new version (C1), and returns the updated row;
 * `email_taken` when a new email's key is in use (U1). Throws when there is no such user
 * (callers have read it already).
 */
export async function updateUserRow(
  db: Executor,
  id: string,
  values: Updateable<UsersTable>,
): Promise<Selectable<UsersTable>> {
  try {
    return await db
      .updateTable('users')
      .set(values)
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, emailKeyIndex)) throw emailTaken();
    throw error;
  }
}

/**
 * Stores a new password hash without other changes: a change or a reset (`at` given: the
 * user changed) or an upgrade at sign-in to today's hashing cost (no `at`: the user is as
 * they were, so their version stays).
 */
export async function setPasswordHash(
  db: Executor,
  id: string,
  hash: string,
  at?: string,
): Promise<Selectable<UsersTable>> {
  if (at) return updateUserRow(db, id, { password_hash: hash, updated_at: at });
  return db
    .updateTable('users')
    .set({ password_hash: hash })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets the password of a user redeeming an emailed link and makes them active. */
export async function activateWithPassword(
  db: Executor,
  id: string,
  hash: string,
  at: string,
): Promise<Selectable<UsersTable>> {
  return updateUserRow(db, id, { password_hash: hash, status: 'active', updated_at: at });
}

/** Deletes a user; sessions, tokens and challenges go with them by ON DELETE CASCADE. */
export async function deleteUserRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}
