import type { User, UserUpdate } from '@switchboard/contract';

/** What the user form holds when it is submitted. */
export interface UserFormInput {
  firstName: string;
  lastName: string;
  email: string;
  isAdmin: boolean;
  permissions: { canCreate: boolean; canShare: boolean };
}

/** Only what the form changed, so an unchanged email is not re-verified. */
export function userChanges(user: User, input: UserFormInput): UserUpdate {
  const patch: UserUpdate = {};
  if (input.firstName !== user.firstName) patch.firstName = input.firstName;
  if (input.lastName !== user.lastName) patch.lastName = input.lastName;
  if (input.email.trim() !== user.email) patch.email = input.email;
  if (input.isAdmin !== user.isAdmin) patch.isAdmin = input.isAdmin;
  const { canCreate, canShare } = input.permissions;
  if (canCreate !== user.permissions.canCreate || canShare !== user.permissions.canShare) {
    patch.permissions = { canCreate, canShare };
  }
  return patch;
}

/**
 * The user as `patch` would leave them: what the conflict window shows as the admin's edit.
 *
 * @example withChanges(ada, { lastName: 'King' }).lastName // 'King'
 */
export function withChanges(user: User, patch: UserUpdate): User {
  const { permissions, ...names } = patch;
  return {
    ...user,
    ...names,
    permissions: { ...user.permissions, ...permissions },
  };
}
