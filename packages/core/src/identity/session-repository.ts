import type { Executor } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool } from '../db/row-values.js';
import type { Actor } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { epochMsOf, isoTime } from '../shared/iso-time.js';
import { hashToken, newSecretToken } from '../shared/secret-token.js';

/** Opens a session and returns its bearer token — the only time it exists in the clear. */
export async function createSession(
  db: Executor,
  input: { userId: string; now: Date; idleMs: number },
): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('sessions')
    .values({
      id: newId('ses'),
      user_id: input.userId,
      token_hash: hashToken(token),
      created_at: input.now.toISOString(),
      expires_at: new Date(input.now.getTime() + input.idleMs).toISOString(),
    })
    .execute();
  return token;
}

const sessionActorQuery = preparedQuery((db: Executor, tokenHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'users.id',
      'users.account_id',
      'users.is_admin',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .where('users.deactivated_at', 'is', null),
);

/**
 * The actor of a live session, with when the session expires (epoch milliseconds); one
 * query, compiled once.
 */
export async function findSessionActor(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ actor: Actor; expiresAtMs: number } | null> {
  const [row] = await sessionActorQuery(db, hashToken(token), isoTime(now.getTime()));
  if (!row) return null;
  return {
    actor: {
      userId: row.id,
      accountId: row.account_id,
      isAdmin: bool(row.is_admin),
      sessionId: row.session_id,
    },
    expiresAtMs: epochMsOf(row.expires_at),
  };
}

/** Moves a session's expiry forward (sliding expiry). */
export async function extendSession(
  db: Executor,
  sessionId: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

/** Ends one session by its token. */
export async function deleteSessionByToken(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function deleteUserSessions(
  db: Executor,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keepSessionId !== undefined, (q) => q.where('id', '!=', keepSessionId ?? ''))
    .execute();
}

/**
 * Ends every way a user could be signed in: sessions deleted, unused emailed tokens and
 * open sign-in challenges used up. For when the email they were sent to stops being theirs,
 * or they are deactivated (U9).
 */
export async function endSignIns(db: Executor, userId: string, at: string): Promise<void> {
  await deleteUserSessions(db, userId);
  await db
    .updateTable('user_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .updateTable('login_challenges')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
