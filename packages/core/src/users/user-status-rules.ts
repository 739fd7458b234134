import type { UserStatus } from '@switchboard/contract';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { UsersAdmin } from './users-admin.js';

/** What a requested status does to a user: deactivates them, reactivates them, or nothing. */
export type StatusChange = 'deactivate' | 'reactivate' | null;

/**
 * U9: the change a requested status makes. `deactivated` deactivates an active or pending
 * user; `active` reactivates a deactivated one (who returns to active, or to pending when
 * they never set a password); asking for the state a user is in changes nothing.
 *
 * @example statusChange('pending', 'deactivated') // 'deactivate'
 */
export function statusChange(
  current: UserStatus,
  requested: 'active' | 'deactivated' | undefined,
): StatusChange {
  if (requested === 'deactivated') return current === 'deactivated' ? null : 'deactivate';
  if (requested === 'active') return current === 'deactivated' ? 'reactivate' : null;
  return null;
}

/** U9: nobody deactivates themselves (an identity provider has no self to deactivate). */
export function assertNotSelfDeactivate(actor: UsersAdmin, userId: string): void {
  if ('userId' in actor && actor.userId === userId) {
    throw new SwitchboardError('cannot_deactivate_self', 'You cannot deactivate yourself');
  }
}

/** Whether a user counts as one of the account's admins for U4: an admin not deactivated. */
export interface AdminStanding {
  isAdmin: boolean;
  deactivated: boolean;
}

/**
 * U4 as U9 counts it: true when a change takes an active admin away — demoting or
 * deactivating an admin who is not deactivated. Demoting a deactivated admin, or
 * reactivating or promoting anyone, takes none away.
 *
 * @example removesActiveAdmin({ isAdmin: true, deactivated: false }, { isAdmin: true, deactivated: true }) // true
 */
export function removesActiveAdmin(before: AdminStanding, after: AdminStanding): boolean {
  const counted = (standing: AdminStanding) => standing.isAdmin && !standing.deactivated;
  return counted(before) && !counted(after);
}

/**
 * A user's standing as an admin before and after an edit that may set their admin flag
 * (`isAdmin`, undefined to keep it) and change their status.
 *
 * @example removesActiveAdmin(...standingChange(user, false, null)) // demoting `user`
 */
export function standingChange(
  current: { isAdmin: boolean; status: UserStatus },
  isAdmin: boolean | undefined,
  change: StatusChange,
): [before: AdminStanding, after: AdminStanding] {
  const deactivated = current.status === 'deactivated';
  return [
    { isAdmin: current.isAdmin, deactivated },
    {
      isAdmin: isAdmin ?? current.isAdmin,
      deactivated: change === null ? deactivated : change === 'deactivate',
    },
  ];
}

/**
 * Whether a user needs a fresh activation link after a change: they must set a password
 * (pending) and may sign in (not deactivated), and either their email changed to another
 * address (U3) or they were just reactivated, their old links having died with the
 * deactivation (U9).
 */
export function needsActivationLink(
  after: { status: UserStatus },
  change: { reverified: boolean; reactivated: boolean },
): boolean {
  return after.status === 'pending' && (change.reverified || change.reactivated);
}

/** U9: no emailed link goes to a deactivated user (`user_deactivated`). */
export function assertNotDeactivated(user: { status: UserStatus }): void {
  if (user.status === 'deactivated')
    throw new SwitchboardError(
      'user_deactivated',
      'This user is deactivated; reactivate them first',
    );
}
