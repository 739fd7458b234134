import type { Executor } from '../db/database.js';
import { hashToken } from '../shared/secret-token.js';
import type { TokenPurpose } from './user-token-repository.js';

/**
 * An emailed token that is still usable (unknown, expired and used ones are not), with its
 * user and purpose; it is not used up.
 */
export async function findUsableUserToken(db: Executor, token: string, now: Date) {
  return db
    .selectFrom('user_tokens')
    .select(['user_id', 'purpose', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/**
 * Uses up an emailed token: returns its user id, or null when the token is unknown,
 * expired, used, or of another purpose. The conditional update makes it single-use even
 * when two requests redeem it at the same moment: exactly one sees a changed row.
 */
export async function redeemUserToken(
  db: Executor,
  input: { token: string; purpose: TokenPurpose; now: Date },
): Promise<string | null> {
  const now = input.now.toISOString();
  const row = await db
    .selectFrom('user_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', hashToken(input.token))
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  const result = await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n ? row.user_id : null;
}
