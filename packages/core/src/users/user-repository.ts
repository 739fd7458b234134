import type { User } from '@switchboard/contract';
import { emailKey } from '@switchboard/contract';
import type { Selectable } from 'kysely';
import type { Executor, UsersTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool, isoTimestamp } from '../db/row-values.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { SwitchboardError } from '../errors/switchboard-error.js';

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
  };
}

export const emailKeyIndex = { name: 'users_email_key_unique', columns: 'users.email_key' };

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
    if (isUniqueViolation(error, emailKeyIndex)) {
      throw new SwitchboardError('email_taken', 'This email address is already in use', {
        issues: [{ path: 'email', message: 'Already in use by another user' }],
      });
    }
    throw error;
  }
}

const userByIdQuery = preparedQuery((db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id),
);

/** The user's row, or undefined; compiled once (it runs on most requests). */
export async function findUserRow(
  db: Executor,
  id: string,
): Promise<Selectable<UsersTable> | undefined> {
  const [row] = await userByIdQuery(db, id);
  return row;
}
