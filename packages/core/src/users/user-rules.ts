import type { User } from '@switchboard/contract';
import { emailKey } from '@switchboard/contract';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';

/** U3: an admin can never change a user's two-factor status; the whole request is refused. */
export function rejectTwoFactorEdit(input: unknown): void {
  if (typeof input === 'object' && input !== null && Object.hasOwn(input, 'twoFactorEnabled')) {
    throw new SwitchboardError(
      'two_factor_not_editable',
      'Only the user can turn two-factor sign-in on or off',
      {
        issues: [{ path: 'twoFactorEnabled', message: 'Not editable by an admin' }],
      },
    );
  }
}

/** U4: an admin cannot delete themselves. */
export function assertNotSelfDelete(actor: Actor, userId: string): void {
  if (actor.userId === userId)
    throw new SwitchboardError('cannot_delete_self', 'You cannot delete yourself');
}

/** U4: the account keeps at least one admin, given how many it has before the change. */
export function assertKeepsAnAdmin(adminCount: number, removesAnAdmin: boolean): void {
  if (removesAnAdmin && adminCount <= 1) {
    throw new SwitchboardError('last_admin', 'The account must keep at least one admin');
  }
}

/** The editable fields of a user, flattened: permissions as `permissions.canCreate`. */
export interface UserEdit {
  firstName?: string;
  lastName?: string;
  email?: string;
  isAdmin?: boolean;
  permissions?: { canCreate?: boolean; canShare?: boolean };
}

/** Names of the fields an edit really changes (`email`, `permissions.canShare`…); emails compare as stored. */
export function userChanges(user: User, edit: UserEdit): string[] {
  const changed: string[] = [];
  for (const field of ['firstName', 'lastName', 'email', 'isAdmin'] as const) {
    if (edit[field] !== undefined && edit[field] !== user[field]) changed.push(field);
  }
  for (const flag of ['canCreate', 'canShare'] as const) {
    const value = edit.permissions?.[flag];
    if (value !== undefined && value !== user.permissions[flag])
      changed.push(`permissions.${flag}`);
  }
  return changed;
}

/**
 * U3: a new email is re-verified only when it names another address. One that differs
 * only in case, spacing or Unicode form has the same key (U1), so the user stays as is.
 */
export function emailNeedsVerification(current: string, next: string): boolean {
  return emailKey(current) !== emailKey(next);
}
