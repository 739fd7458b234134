import { createHash, createHmac, type KeyObject } from 'node:crypto';

/** What a seal covers: an event as stored, with its place in its account's chain (E3). */
export interface SealedContent {
  accountId: string | null;
  seq: number;
  id: string;
  /** ISO 8601 UTC with milliseconds, as `toISOString()` writes it. */
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** The stored JSON text of the changed field names. */
  changedFields: string;
  requestId: string | null;
  clientAddress: string | null;
  /** The audit key that sealed it; null for a seal without a key (no key ring). */
  keyId: string | null;
}

/** The seal before an account's first event. */
export const genesisSeal = '';

/**
 * The canonical form of an event: a JSON array in a fixed order, versioned, so the same
 * event always gives the same bytes on either database. Never change it: old seals are
 * checked against it.
 */
export function canonicalEvent(event: SealedContent): string {
  return JSON.stringify([
    'switchboard-audit-1',
    event.accountId,
    event.seq,
    event.id,
    event.at,
    event.actorType,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId,
    event.changedFields,
    event.requestId,
    event.clientAddress,
    event.keyId,
  ]);
}

function digest(key: KeyObject | null, text: string): string {
  const hash = key ? createHmac('sha256', key) : createHash('sha256');
  return hash.update(text, 'utf8').digest('base64url');
}

/**
 * An event's seal: HMAC-SHA-256 under the audit key over the previous event's seal and the
 * event's canonical form. Without a key (`null`, no key ring) a plain SHA-256: it links the
 * chain but anyone who can write the database can recompute it.
 *
 * @example sealEvent(key, previous.seal, { accountId, seq: previous.seq + 1, … })
 */
export function sealEvent(
  key: KeyObject | null,
  previousSeal: string,
  event: SealedContent,
): string {
  return digest(key, `${previousSeal}\n${canonicalEvent(event)}`);
}

/** Where a pruned chain now starts: after event `seq`, whose seal was `seal` (see retention). */
export interface ChainCheckpoint {
  accountId: string | null;
  seq: number;
  seal: string;
  keyId: string | null;
}

/** The seal of a checkpoint, so that nobody without the key can move a chain's start. */
export function sealCheckpoint(key: KeyObject | null, checkpoint: ChainCheckpoint): string {
  return digest(
    key,
    JSON.stringify([
      'switchboard-audit-checkpoint-1',
      checkpoint.accountId,
      checkpoint.seq,
      checkpoint.seal,
      checkpoint.keyId,
    ]),
  );
}

/** The area of an action, what `area.*` filters by: `user` of `user.added`. */
export function actionArea(action: string): string {
  const dot = action.indexOf('.');
  return dot < 0 ? action : action.slice(0, dot);
}
