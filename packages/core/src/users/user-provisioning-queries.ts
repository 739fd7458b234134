import type { User } from '@switchboard/contract';
import type { Selectable } from 'kysely';
import type { Executor, UsersTable } from '../db/database.js';
import { toUser } from './user-repository.js';

/** A user as an identity provider sees them: the user, and the provider's own id of them. */
export interface ProvisionedUser {
  user: User;
  externalId: string | null;
}

export function toProvisionedUser(row: Selectable<UsersTable>): ProvisionedUser {
  return { user: toUser(row), externalId: row.external_id ?? null };
}

/** What an identity provider looks users up by (SCIM filters); every condition given holds. */
export interface ProvisionedUserFilter {
  id?: string;
  /** The email's key (U1): `userName` and `emails.value` compare by it. */
  emailKey?: string;
  /** Compared exactly (SCIM `externalId` is case-exact). */
  externalId?: string;
  /** True: users who are not deactivated; false: deactivated users. */
  active?: boolean;
  /** Nobody matches (a filter naming two different values of one attribute). */
  none?: boolean;
}

function matching(db: Executor, accountId: string, filter: ProvisionedUserFilter) {
  return db
    .selectFrom('users')
    .where('account_id', '=', accountId)
    .$if(filter.id !== undefined, (qb) => qb.where('id', '=', filter.id ?? ''))
    .$if(filter.emailKey !== undefined, (qb) => qb.where('email_key', '=', filter.emailKey ?? ''))
    .$if(filter.externalId !== undefined, (qb) =>
      qb.where('external_id', '=', filter.externalId ?? ''),
    )
    .$if(filter.active !== undefined, (qb) =>
      qb.where('deactivated_at', filter.active ? 'is' : 'is not', null),
    );
}

/**
 * The account's users matching `filter`, in the order they were added (then id): the exact
 * number of matches and the page of them from `offset` (0-based), at most `limit`. A filter
 * on the id or the email (unique, so one user at most) is one query through its unique
 * index; any other is a count and a page, through the account's indexes.
 */
export async function findProvisionedUsers(
  db: Executor,
  accountId: string,
  filter: ProvisionedUserFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; users: ProvisionedUser[] }> {
  if (filter.none) return { total: 0, users: [] };
  if (filter.id !== undefined || filter.emailKey !== undefined) {
    const rows = await matching(db, accountId, filter).selectAll().execute();
    return {
      total: rows.length,
      users: rows.slice(page.offset, page.offset + page.limit).map(toProvisionedUser),
    };
  }
  const { count } = await matching(db, accountId, filter)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  const total = Number(count);
  if (page.limit === 0 || page.offset >= total) return { total, users: [] };
  const rows = await matching(db, accountId, filter)
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total, users: rows.map(toProvisionedUser) };
}
