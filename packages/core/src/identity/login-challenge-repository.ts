import type { Executor } from '../db/database.js';
import { hashLoginCode } from './login-code.js';

/** Stores a sign-in challenge; only the code's hash is kept (D1). */
export async function insertLoginChallenge(
  db: Executor,
  challenge: { id: string; userId: string; code: string; expiresAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('login_challenges')
    .values({
      id: challenge.id,
      user_id: challenge.userId,
      code_hash: hashLoginCode(challenge.id, challenge.code),
      expires_at: challenge.expiresAt,
      used_at: null,
      created_at: challenge.now,
    })
    .execute();
}

/** An open challenge (unused, unexpired) of an active user, with whose it is; or undefined. */
export async function findOpenLoginChallenge(db: Executor, id: string, now: string) {
  return db
    .selectFrom('login_challenges')
    .innerJoin('users', 'users.id', 'login_challenges.user_id')
    .select(['login_challenges.user_id', 'users.email_key'])
    .where('login_challenges.id', '=', id)
    .where('users.status', '=', 'active')
    .where('users.deactivated_at', 'is', null)
    .where('login_challenges.used_at', 'is', null)
    .where('login_challenges.expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Counts one attempt at a challenge's code and returns the code's hash to compare with, or
 * undefined when the challenge is used, expired or out of attempts. One conditional
 * statement: of any number of concurrent attempts at most `maxAttempts` get the hash.
 */
export async function countLoginChallengeAttempt(
  db: Executor,
  id: string,
  maxAttempts: number,
  now: string,
): Promise<{ codeHash: string; userId: string } | undefined> {
  const row = await db
    .updateTable('login_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returning(['code_hash', 'user_id'])
    .executeTakeFirst();
  return row ? { codeHash: row.code_hash, userId: row.user_id } : undefined;
}

/** Uses a challenge up; false when another attempt used it first. */
export async function useLoginChallenge(db: Executor, id: string, now: string): Promise<boolean> {
  const used = await db
    .updateTable('login_challenges')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}
