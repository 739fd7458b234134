import type { UserStatus } from '@switchboard/contract';
import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Database, Executor, UsersTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { UserCursor } from './user-cursor.js';

/** The users of an account in list order (U7): last name, first name, id. */
const usersByName = (db: Executor, accountId: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id');

// The pages without a search or a status, compiled once: the first, and any after a cursor.
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
 * The condition "the user is in `status`" (U9): deactivated users have `deactivated_at`; the
 * others are pending or active by `status`.
 *
 * @example db.selectFrom('users').where((eb) => hasStatus(eb, 'deactivated'))
 */
export function hasStatus(eb: ExpressionBuilder<Database, 'users'>, status: UserStatus) {
  return status === 'deactivated'
    ? eb('deactivated_at', 'is not', null)
    : eb.and([eb('deactivated_at', 'is', null), eb('status', '=', status)]);
}

/**
 * Up to `limit` users of the account in list order, after `after` when given, whose names or
 * email start with `pattern` (a LIKE prefix pattern) when given, in `status` when given. One
 * query.
 */
export async function findUsersPage(
  db: Executor,
  accountId: string,
  page: {
    after: UserCursor | null;
    pattern: string | null;
    status?: UserStatus | undefined;
    limit: number;
  },
): Promise<Selectable<UsersTable>[]> {
  const { after, pattern, status, limit } = page;
  if (pattern === null && status === undefined) {
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
    .$if(pattern !== null, (qb) =>
      qb.where((eb) =>
        eb.or(
          (['first_name', 'last_name', 'email'] as const).map(
            // Both sides through the database's lower(), so SQLite and PostgreSQL fold alike.
            (column) => sql<boolean>`lower(${eb.ref(column)}) like lower(${pattern}) escape '\\'`,
          ),
        ),
      ),
    )
    .$if(status !== undefined, (qb) => qb.where((eb) => hasStatus(eb, status ?? 'active')))
    .limit(limit)
    .execute();
}
