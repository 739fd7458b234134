import type { AuditEventsTable, Executor } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { newId } from '../shared/ids.js';

/** Who did something: a user, the platform operator, or Switchboard itself. */
export type AuditActor =
  | { readonly type: 'user'; readonly userId: string }
  | { readonly type: 'operator' }
  | { readonly type: 'system' };

/** One change, recorded in the same transaction as the change itself (E1). */
export interface AuditEventInput {
  accountId: string | null;
  actor: AuditActor;
  /** What happened, `area.verb`: `account.updated`, `user.added`. */
  action: string;
  target: { type: string; id: string };
  /** Names of the fields that changed — never their values. */
  changedFields?: readonly string[];
  at: string;
}

const insertAuditEvent = preparedQuery(
  (
    db: Executor,
    id: string,
    accountId: string | null,
    actorType: AuditEventsTable['actor_type'],
    actorId: string | null,
    action: string,
    targetType: string,
    targetId: string,
    changedFields: string,
    at: string,
  ) =>
    db.insertInto('audit_events').values({
      id,
      account_id: accountId,
      actor_type: actorType,
      actor_id: actorId,
      action,
      target_type: targetType,
      target_id: targetId,
      changed_fields: changedFields,
      created_at: at,
    }),
);

/** Records one event; the statement is compiled once (every change writes one). */
export async function recordAudit(db: Executor, event: AuditEventInput): Promise<void> {
  await insertAuditEvent(
    db,
    newId('evt'),
    event.accountId,
    event.actor.type,
    event.actor.type === 'user' ? event.actor.userId : null,
    event.action,
    event.target.type,
    event.target.id,
    JSON.stringify(event.changedFields ?? []),
    event.at,
  );
}

/**
 * Records a change made by a user of an account. Only for the integrations area until it
 * moves to the write pipeline, which records every other change.
 */
export async function recordActorAudit(
  db: Executor,
  actor: { userId: string; accountId: string },
  change: {
    action: string;
    target: { type: string; id: string };
    changedFields?: readonly string[];
    at: string;
  },
): Promise<void> {
  await recordAudit(db, {
    accountId: actor.accountId,
    actor: { type: 'user', userId: actor.userId },
    ...change,
  });
}
