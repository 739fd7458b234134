import type { Executor } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { newId } from '../shared/ids.js';
import { hashToken, newSecretToken } from '../shared/secret-token.js';

export type TokenPurpose = 'activation' | 'password_reset';

/** How long each kind of emailed link stays valid: activation 72 h (U2), reset 1 h (U6). */
export const tokenLifetimesMs: Record<TokenPurpose, number> = {
  activation: 72 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
};

const voidUnusedTokens = preparedQuery(
  (db: Executor, userId: string, purpose: TokenPurpose, now: string) =>
    db
      .updateTable('user_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null),
);

const insertToken = preparedQuery(
  (
    db: Executor,
    id: string,
    userId: string,
    purpose: TokenPurpose,
    tokenHash: string,
    expiresAt: string,
    now: string,
  ) =>
    db.insertInto('user_tokens').values({
      id,
      user_id: userId,
      purpose,
      token_hash: tokenHash,
      expires_at: expiresAt,
      used_at: null,
      created_at: now,
    }),
);

/**
 * Issues a single-use token for a user and returns it in the clear — the only time it
 * exists so; the database keeps its SHA-256. Earlier unused tokens of the same purpose
 * are voided, so only the newest emailed link works.
 */
export async function issueUserToken(
  db: Executor,
  input: { userId: string; purpose: TokenPurpose; now: Date },
): Promise<{ token: string; expiresAt: string }> {
  const token = newSecretToken();
  const now = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + tokenLifetimesMs[input.purpose]).toISOString();
  await voidUnusedTokens(db, input.userId, input.purpose, now);
  await insertToken(
    db,
    newId('tok'),
    input.userId,
    input.purpose,
    hashToken(token),
    expiresAt,
    now,
  );
  return { token, expiresAt };
}
