import type { Selectable } from 'kysely';
import type { Executor, IdempotencyKeysTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
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

const insertKeyRow = preparedQuery(
  (
    db: Executor,
    caller: string,
    key: string,
    fingerprint: string,
    claim: string | null,
    lockedUntil: string | null,
    status: number | null,
    headers: string | null,
    body: string | null,
    keyId: string | null,
    at: string,
    expiresAt: string,
  ) =>
    db
      .insertInto('idempotency_keys')
      .values({
        caller,
        key,
        fingerprint,
        claim,
        locked_until: lockedUntil,
        response_status: status,
        response_headers: headers,
        response_body: body,
        response_key_id: keyId,
        created_at: at,
        expires_at: expiresAt,
      })
      .onConflict((oc) => oc.columns(['caller', 'key']).doNothing())
      .returning('key'),
);

/**
 * Inserts the key's row: claimed by `claim` while its request runs, or — given the answer —
 * with the answer kept; false when the caller has used the key already (on PostgreSQL, a
 * transaction inserting the same key first is waited for). Compiled once: it is on the path
 * of every keyed POST.
 */
export async function insertKey(
  db: Executor,
  claim: KeyClaim,
  answer?: StoredAnswer,
): Promise<boolean> {
  const rows = await insertKeyRow(
    db,
    claim.caller,
    claim.key,
    claim.fingerprint,
    answer ? null : claim.claim,
    answer ? null : claim.lockedUntil,
    answer ? answer.status : null,
    answer ? JSON.stringify(answer.headers) : null,
    answer ? answer.body : null,
    answer ? answer.keyId : null,
    claim.at,
    claim.expiresAt,
  );
  return rows.length > 0;
}

const findKeyRow = preparedQuery((db: Executor, caller: string, key: string) =>
  db.selectFrom('idempotency_keys').selectAll().where('caller', '=', caller).where('key', '=', key),
);

/** The caller's key's row, if it has one (compiled once: every keyed POST asks). */
export async function findKey(
  db: Executor,
  caller: string,
  key: string,
): Promise<KeyRow | undefined> {
  const [row] = await findKeyRow(db, caller, key);
  return row;
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
