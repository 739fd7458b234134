import type { Selectable } from 'kysely';
import type { Executor, IdempotencyKeysTable } from '../db/database.js';
import type { StoredAnswer } from './idempotent-request.js';

export type KeyRow = Selectable<IdempotencyKeysTable>;

/** A new key's row, claimed by `claim` until `lockedUntil`. */
export interface KeyClaim {
  caller: string;
  key: string;
  fingerprint: string;
  claim: string;
  lockedUntil: string;
  at: string;
  expiresAt: string;
}

/**
 * Inserts the key's row: claimed by `claim` while its request runs, or — given the answer —
 * with the answer kept; false when the caller has used the key already (on PostgreSQL, a
 * transaction inserting the same key first is waited for).
 */
export async function insertKey(
  db: Executor,
  claim: KeyClaim,
  answer?: StoredAnswer,
): Promise<boolean> {
  const row = await db
    .insertInto('idempotency_keys')
    .values({
      caller: claim.caller,
      key: claim.key,
      fingerprint: claim.fingerprint,
      claim: answer ? null : claim.claim,
      locked_until: answer ? null : claim.lockedUntil,
      response_status: answer ? answer.status : null,
      response_headers: answer ? JSON.stringify(answer.headers) : null,
      response_body: answer ? answer.body : null,
      response_key_id: answer ? answer.keyId : null,
      created_at: claim.at,
      expires_at: claim.expiresAt,
    })
    .onConflict((oc) => oc.columns(['caller', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findKey(
  db: Executor,
  caller: string,
  key: string,
): Promise<KeyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('caller', '=', caller)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Takes over a key whose row is as `seen` (expired, or claimed by a run that died): a
 * conditional update, so of several takers exactly one gets it.
 */
export async function takeOverKey(db: Executor, seen: KeyRow, claim: KeyClaim): Promise<boolean> {
  const row = await db
    .updateTable('idempotency_keys')
    .set({
      fingerprint: claim.fingerprint,
      claim: claim.claim,
      locked_until: claim.lockedUntil,
      response_status: null,
      response_headers: null,
      response_body: null,
      response_key_id: null,
      created_at: claim.at,
      expires_at: claim.expiresAt,
    })
    .where('caller', '=', seen.caller)
    .where('key', '=', seen.key)
    .where('created_at', '=', seen.created_at)
    .where((eb) => (seen.claim === null ? eb('claim', 'is', null) : eb('claim', '=', seen.claim)))
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the answer of the run holding `claim`; false when it no longer holds it. */
export async function keepAnswer(
  db: Executor,
  request: { caller: string; key: string; claim: string },
  answer: StoredAnswer,
): Promise<boolean> {
  const row = await db
    .updateTable('idempotency_keys')
    .set({
      claim: null,
      locked_until: null,
      response_status: answer.status,
      response_headers: JSON.stringify(answer.headers),
      response_body: answer.body,
      response_key_id: answer.keyId,
    })
    .where('caller', '=', request.caller)
    .where('key', '=', request.key)
    .where('claim', '=', request.claim)
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Frees a key whose run kept no answer (it failed in a way that may be retried). */
export async function deleteClaimedKey(
  db: Executor,
  request: { caller: string; key: string; claim: string },
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('caller', '=', request.caller)
    .where('key', '=', request.key)
    .where('claim', '=', request.claim)
    .execute();
}

/** Deletes up to `limit` keys expired before `now`; how many went. */
export async function deleteExpiredKeys(db: Executor, now: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('caller', 'key'),
        'in',
        selectFrom('idempotency_keys')
          .select(['caller', 'key'])
          .where('expires_at', '<', now)
          .limit(limit)
          .$asTuple('caller', 'key'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
