import { emailKey, type UserUpdate } from '@switchboard/contract';
import type { Updateable } from 'kysely';
import type { UsersTable } from '../db/database.js';
import type { StatusChange } from './user-status-rules.js';

/** What an edit comes to beside its fields: see `UsersService.update`. */
export interface EditEffects {
  /** The new email, when the email changed. */
  newEmail: string | undefined;
  /** The new email names another address: the user must verify it (U3). */
  reverify: boolean;
  /** The identity provider's new id of the user, when it changed (null clears it). */
  externalId: string | null | undefined;
  status: StatusChange;
  /** The change's time. */
  at: string;
}

/**
 * The `users` columns an edit writes (U3, U9): the fields given; a re-verified email's key,
 * with the user pending again and their password gone; the deactivation time set or
 * cleared; `updated_at`.
 *
 * @example editedColumns({ firstName: 'Ada' }, { newEmail: undefined, reverify: false, externalId: undefined, status: null, at })
 */
export function editedColumns(
  edit: Omit<UserUpdate, 'status'>,
  effects: EditEffects,
): Updateable<UsersTable> {
  const { newEmail, reverify, externalId, status, at } = effects;
  return {
    ...(edit.firstName !== undefined ? { first_name: edit.firstName } : {}),
    ...(edit.lastName !== undefined ? { last_name: edit.lastName } : {}),
    ...(edit.isAdmin !== undefined ? { is_admin: edit.isAdmin } : {}),
    ...(edit.permissions?.canCreate !== undefined
      ? { can_create: edit.permissions.canCreate }
      : {}),
    ...(edit.permissions?.canShare !== undefined ? { can_share: edit.permissions.canShare } : {}),
    ...(newEmail !== undefined ? { email: newEmail } : {}),
    ...(reverify && newEmail !== undefined
      ? { email_key: emailKey(newEmail), status: 'pending' as const, password_hash: null }
      : {}),
    ...(externalId !== undefined ? { external_id: externalId } : {}),
    ...(status === null ? {} : { deactivated_at: status === 'deactivate' ? at : null }),
    updated_at: at,
  };
}
