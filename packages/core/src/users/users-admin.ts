import { lockAccount } from '../account/index.js';
import type { Executor } from '../db/database.js';
import { bool } from '../db/row-values.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import type { ScimActor, WriteTx } from '../shared/write-pipeline.js';
import { findUserRow } from './user-repository.js';

/**
 * Who may manage an account's users: one of its admins, or the identity provider that
 * provisions them (SCIM, S1) — the same service and rules for both.
 */
export type UsersAdmin = Actor | ScimActor;

function forbidden(): SwitchboardError {
  return new SwitchboardError('forbidden', 'Only account admins may do this');
}

/** Throws `forbidden` unless the actor is an admin of their account or its SCIM client. */
export function requireUsersAdmin(actor: UsersAdmin): void {
  if ('userId' in actor) requireAdmin(actor);
  else if (actor?.type !== 'scim' || typeof actor.accountId !== 'string') throw forbidden();
}

/**
 * Serialises admin changes per account and re-checks, inside the transaction, that a user
 * actor is still an active admin of it — so two admins demoting, deactivating or deleting
 * each other at the same moment cannot leave the account without one (U4, U9).
 */
export async function lockForAdminChange(tx: WriteTx, actor: UsersAdmin) {
  const account = await lockAccount(tx, actor.accountId);
  if ('userId' in actor) {
    const me = await findUserRow(tx.trx, actor.userId);
    if (!me || me.account_id !== actor.accountId || !bool(me.is_admin) || me.deactivated_at) {
      throw forbidden();
    }
  }
  return account;
}

/** The user's row when it belongs to the actor's account; `not_found` otherwise. */
export async function userInAccount(db: Executor, actor: UsersAdmin, id: string) {
  const row = await findUserRow(db, id);
  if (!row || row.account_id !== actor.accountId)
    throw new SwitchboardError('not_found', 'No such user');
  return row;
}
