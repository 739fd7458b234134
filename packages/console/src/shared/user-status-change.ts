import type { User } from '@switchboard/contract';
import type { Confirmation } from '../elements/confirm-dialog.js';
import type { ConflictRow, EditConflict } from './edit-conflict.js';

/**
 * Deactivating or reactivating one user from their row of Manage Users (U9): the status it
 * sends, the question asked first, the conflict window when the user changed since the
 * list was loaded, and the notice once it is done.
 */
export interface UserStatusChange {
  /** The `status` the change sends: `deactivated`, or `active` to reactivate. */
  to: 'deactivated' | 'active';
  /** The verb of its button, say `Deactivate`. */
  verb: string;
  confirmation: Confirmation;
  /** The conflict window, given the rows of what changed. */
  conflict(rows: ConflictRow[]): EditConflict;
  /** The notice once the API answered with the user as they are now. */
  done(saved: User): string;
}

/**
 * The change a user's row offers: reactivate a deactivated user, deactivate anyone else.
 *
 * @example statusChange(alan).confirmation.title // 'Deactivate Alan Turing?'
 */
export function statusChange(user: User): UserStatusChange {
  const name = `${user.firstName} ${user.lastName}`;
  const deactivating = user.status !== 'deactivated';
  const verb = deactivating ? 'Deactivate' : 'Reactivate';
  return {
    to: deactivating ? 'deactivated' : 'active',
    verb,
    confirmation: deactivating
      ? {
          title: `Deactivate ${name}?`,
          message: `${user.firstName} is signed out at once and can no longer sign in; emailed links stop working. Their phone numbers and history stay, and you can reactivate them at any time.`,
          confirmLabel: 'Yes, deactivate',
        }
      : {
          title: `Reactivate ${name}?`,
          message: `${user.firstName} can sign in again with their password. If they never set one, they get a new activation email.`,
          confirmLabel: 'Yes, reactivate',
        },
    conflict: (rows) => ({
      title: `${name} changed since the list was loaded`,
      message: `Someone else saved changes to them, so nothing was ${deactivating ? 'deactivated' : 'reactivated'}. This is how they differ now:`,
      rows,
      openedHeading: 'In the list',
      applyLabel: `${verb} anyway`,
      discardLabel: 'Leave them as they are',
    }),
    done: (saved) => {
      if (saved.status === 'deactivated') return `Deactivated ${name}: they can no longer sign in.`;
      if (saved.status === 'pending') {
        return `Reactivated ${name}. They never set a password, so a new activation email is on its way to ${saved.email}.`;
      }
      return `Reactivated ${name}: they can sign in again.`;
    },
  };
}
