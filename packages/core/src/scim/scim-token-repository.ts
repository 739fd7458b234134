import type { ScimToken } from '@switchboard/contract';
import type { Selectable } from 'kysely';
import type { Executor, ScimTokensTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { isoTimestamp } from '../db/row-values.js';
import { hashToken } from '../shared/secret-token.js';

export function toScimToken(row: Selectable<ScimTokensTable>): ScimToken {
  return {
    id: row.id,
    description: row.description,
    createdAt: isoTimestamp(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : isoTimestamp(row.last_used_at),
  };
}

/** Stores a new token of an account by its hash. */
export async function insertScimToken(
  db: Executor,
  token: { id: string; accountId: string; description: string; secret: string; now: string },
): Promise<Selectable<ScimTokensTable>> {
  return db
    .insertInto('scim_tokens')
    .values({
      id: token.id,
      account_id: token.accountId,
      description: token.description,
      token_hash: hashToken(token.secret),
      created_at: token.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The account's tokens that are not revoked, newest first. */
export async function findLiveScimTokens(
  db: Executor,
  accountId: string,
): Promise<Selectable<ScimTokensTable>[]> {
  return db
    .selectFrom('scim_tokens')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Revokes a live token of the account; false when there is none by that id (unknown, of
 * another account, or revoked already). One conditional statement, so of two concurrent
 * revocations exactly one succeeds.
 */
export async function revokeScimToken(
  db: Executor,
  accountId: string,
  id: string,
  at: string,
): Promise<Selectable<ScimTokensTable> | undefined> {
  return db
    .updateTable('scim_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

const liveTokenQuery = preparedQuery((db: Executor, tokenHash: string) =>
  db
    .selectFrom('scim_tokens')
    .select(['id', 'account_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null),
);

/** The live token a secret is, or undefined (unknown or revoked); one indexed query. */
export async function findLiveScimToken(db: Executor, secret: string) {
  const [row] = await liveTokenQuery(db, hashToken(secret));
  return row;
}

/** Records a token's use at `at` (callers write it at most once a minute). */
export async function touchScimToken(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('scim_tokens')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
