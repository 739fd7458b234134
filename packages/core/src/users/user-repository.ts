import type { User } from '@switchboard/contract';
import { emailKey } from '@switchboard/contract';
import { type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, UsersTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool, isoTimestamp } from '../db/row-values.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { UserCursor } from './user-cursor.js';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    isAdmin: bool(row.is_admin),
    permissions: { canCreate: bool(row.can_create), canShare: bool(row.can_share) },
    twoFactorEnabled: bool(row.two_factor_enabled),
    status: row.status,
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
      })
      .returningAll(),
);

/** Inserts a pending user; throws `email_taken` when the email's key is in use (U1). */
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

/** The users of an account in list order (U7): last name, first name, id. */
const usersByName = (db: Executor, accountId: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id');

// The pages without a search, compiled once: the first, and any after a cursor.
const firstPageQuery = preparedQuery((db: Executor, accountId: string, limit: number) =>
  usersByName(db, accountId).limit(limit),
);
const pageAfterQuery = preparedQuery(
  (
    db: Executor,
    accountId: string,
    lastName: string,
    firstName: string,
    id: string,
    limit: number,
  ) =>
    usersByName(db, accountId)
      .where((eb) =>
        eb(eb.refTuple('last_name', 'first_name', 'id'), '>', eb.tuple(lastName, firstName, id)),
      )
      .limit(limit),
);

/**
 * Up to `limit` users of the account in list order, after `after` when given, whose names or
 * email start with `pattern` (a LIKE prefix pattern) when given. One query.
 */
export async function findUsersPage(
  db: Executor,
  accountId: string,
  page: { after: UserCursor | null; pattern: string | null; limit: number },
): Promise<Selectable<UsersTable>[]> {
  const { after, pattern, limit } = page;
  if (pattern === null) {
    return after === null
      ? firstPageQuery(db, accountId, limit)
      : pageAfterQuery(db, accountId, after.lastName, after.firstName, after.id, limit);
  }
  return usersByName(db, accountId)
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb(
          eb.refTuple('last_name', 'first_name', 'id'),
          '>',
          eb.tuple(after?.lastName ?? '', after?.firstName ?? '', after?.id ?? ''),
        ),
      ),
    )
    .where((eb) =>
      eb.or(
        (['first_name', 'last_name', 'email'] as const).map(
          // Both sides through the database's lower(), so SQLite and PostgreSQL fold alike.
          (column) => sql<boolean>`lower(${eb.ref(column)}) like lower(${pattern}) escape '\\'`,
        ),
      ),
    )
    .limit(limit)
    .execute();
}

/** The user whose email has this key (U1), or undefined. */
export async function findUserByEmailKey(
  db: Executor,
  key: string,
): Promise<Selectable<UsersTable> | undefined> {
  return db.selectFrom('users').selectAll().where('email_key', '=', key).executeTakeFirst();
}

/** How many admins the account has (U4). */
export async function countAdmins(db: Executor, accountId: string): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('account_id', '=', accountId)
    .where('is_admin', '=', true)
    .executeTakeFirstOrThrow();
  return Number(count);
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
