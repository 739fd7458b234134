import type { Selectable } from 'kysely';
import type { AuditEventsTable, Executor } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { isoTimestamp } from '../db/row-values.js';
import { newId } from '../shared/ids.js';
import { advanceChainHead, chainKey, claimChainPosition } from './audit-chain-repository.js';
import { auditKeysOf } from './audit-keys.js';
import { actionArea, type SealedContent, sealEvent } from './audit-seal.js';

/** Who did something: a user, the platform operator, an identity provider (SCIM, by its token), or Switchboard itself. */
export type AuditActor =
  | { readonly type: 'user'; readonly userId: string }
  | { readonly type: 'operator' }
  | { readonly type: 'scim'; readonly tokenId: string }
  | { readonly type: 'system' };

/** One change, recorded in the same transaction as the change itself (E1). */
export interface AuditEventInput {
  /** The event's id (`evt_…`); the write pipeline gives the same to the change's webhook event. */
  id?: string;
  accountId: string | null;
  actor: AuditActor;
  /** What happened, `area.verb`: `account.updated`, `user.added`. */
  action: string;
  target: { type: string; id: string };
  /** Names of the fields that changed — never their values. */
  changedFields?: readonly string[];
  at: string;
  /** The id of the request that caused it (`x-request-id`), when a request did. */
  requestId?: string | null;
  /** The address the request came from, when a request did. */
  clientAddress?: string | null;
}

/** An audit event as stored. */
export type AuditEventRow = Selectable<AuditEventsTable>;

const insertAuditEvent = preparedQuery(
  (
    db: Executor,
    id: string,
    accountId: string | null,
    actorType: AuditEventsTable['actor_type'],
    actorId: string | null,
    action: string,
    area: string,
    targetType: string,
    targetId: string,
    changedFields: string,
    requestId: string | null,
    clientAddress: string | null,
    at: string,
    seq: number,
    keyId: string | null,
    seal: string,
  ) =>
    db.insertInto('audit_events').values({
      id,
      account_id: accountId,
      actor_type: actorType,
      actor_id: actorId,
      action,
      area,
      target_type: targetType,
      target_id: targetId,
      changed_fields: changedFields,
      request_id: requestId,
      client_address: clientAddress,
      created_at: at,
      seq,
      key_id: keyId,
      seal,
    }),
);

/**
 * Records one event at the head of its account's chain, sealed (E3): it takes the chain's
 * next place (locking the head until the transaction ends, see `claimChainPosition`), seals
 * the event over the previous seal with the current audit key, and stores both. The event's
 * time is the change's, or the previous event's when that is later (a change that started
 * earlier may commit later), so a log read newest first never finds an event appear behind
 * its cursor. Called by the write pipeline only, at the end of the transaction.
 */
export async function recordAudit(db: Executor, event: AuditEventInput): Promise<void> {
  const audit = await auditKeysOf(db).current(db);
  const key = chainKey(event.accountId);
  const position = await claimChainPosition(db, key, event.at);
  const at = isoTimestamp(event.at) < position.previousAt ? position.previousAt : event.at;
  const content: SealedContent = {
    accountId: event.accountId,
    seq: position.seq,
    id: event.id ?? newId('evt'),
    at: isoTimestamp(at),
    actorType: event.actor.type,
    actorId:
      event.actor.type === 'user'
        ? event.actor.userId
        : event.actor.type === 'scim'
          ? event.actor.tokenId
          : null,
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id,
    changedFields: JSON.stringify(event.changedFields ?? []),
    requestId: event.requestId ?? null,
    clientAddress: event.clientAddress ?? null,
    keyId: audit?.id ?? null,
  };
  const seal = sealEvent(audit?.key ?? null, position.previousSeal, content);
  await advanceChainHead(db, key, seal, content.at);
  await insertAuditEvent(
    db,
    content.id,
    content.accountId,
    event.actor.type,
    content.actorId,
    content.action,
    actionArea(content.action),
    content.targetType,
    content.targetId,
    content.changedFields,
    content.requestId,
    content.clientAddress,
    content.at,
    content.seq,
    content.keyId,
    seal,
  );
}

/** The sealed content of a stored event, to check its seal. */
export function sealedContentOf(row: AuditEventRow): SealedContent {
  return {
    accountId: row.account_id,
    seq: Number(row.seq),
    id: row.id,
    at: isoTimestamp(row.created_at),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    changedFields: row.changed_fields,
    requestId: row.request_id,
    clientAddress: row.client_address,
    keyId: row.key_id,
  };
}
