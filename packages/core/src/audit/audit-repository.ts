import type { Executor } from '../db/database.js';
import { newId } from '../shared/ids.js';

/** Who did something: a user, the platform operator, or Switchboard itself. */
export type AuditActor =
  | { type: 'user'; userId: string }
  | { type: 'operator' }
  | { type: 'system' };

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

export async function recordAudit(db: Executor, event: AuditEventInput): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId('evt'),
      account_id: event.accountId,
      actor_type: event.actor.type,
      actor_id: event.actor.type === 'user' ? event.actor.userId : null,
      action: event.action,
      target_type: event.target.type,
      target_id: event.target.id,
      changed_fields: JSON.stringify(event.changedFields ?? []),
      created_at: event.at,
    })
    .execute();
}

/** Records a change made by a user of an account (E1): the common case of `recordAudit`. */
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
