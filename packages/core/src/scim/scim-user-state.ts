import {
  isPlausibleEmail,
  type ScimUserInput,
  scimUrns,
  type UserUpdate,
} from '@switchboard/contract';
import type { ProvisionedUser } from '../users/index.js';

/** A user as SCIM sees and changes them: every attribute Switchboard keeps. */
export interface ScimUserState {
  /** The email (U1); `userName` and `emails[…].value` both name it. */
  userName: string;
  givenName: string;
  familyName: string;
  externalId: string | null;
  /** False when deactivated (U9); a pending user is active. */
  active: boolean;
  isAdmin: boolean;
  canCreate: boolean;
  canShare: boolean;
}

/** The state of a provisioned user. */
export function scimStateOf({ user, externalId }: ProvisionedUser): ScimUserState {
  return {
    userName: user.email,
    givenName: user.firstName,
    familyName: user.lastName,
    externalId,
    active: user.status !== 'deactivated',
    isAdmin: user.isAdmin,
    canCreate: user.permissions.canCreate,
    canShare: user.permissions.canShare,
  };
}

/**
 * The email of a SCIM User: its `userName` when that is an email address, else its primary
 * email (or its work email, or its first) — Entra ID's userName is a UPN, which need not be
 * one. Undefined when it names none.
 */
export function emailOf(input: Pick<ScimUserInput, 'userName' | 'emails'>): string | undefined {
  if (input.userName !== undefined && isPlausibleEmail(input.userName.trim()))
    return input.userName;
  const emails = input.emails ?? [];
  const chosen =
    emails.find((email) => email.primary === true) ??
    emails.find((email) => email.type?.toLowerCase() === 'work') ??
    emails[0];
  return chosen?.value ?? input.userName;
}

/** A name split at its last space, for a User sent with `displayName` but no `name`. */
function splitName(displayName: string | null | undefined): [string?, string?] {
  const trimmed = displayName?.trim() ?? '';
  const space = trimmed.lastIndexOf(' ');
  if (space <= 0) return trimmed ? [trimmed] : [];
  return [trimmed.slice(0, space), trimmed.slice(space + 1)];
}

/**
 * What a SCIM User body (POST, PUT) asserts about a user, in Switchboard's terms; what it
 * leaves out is undefined. Names come from `name`, else from `displayName`; the admin flag
 * and permissions from Switchboard's extension.
 */
export function assertedState(input: ScimUserInput): Partial<ScimUserState> {
  const [givenFromDisplay, familyFromDisplay] = splitName(input.displayName);
  const extension = input[scimUrns.switchboardUser] ?? undefined;
  const asserted: Partial<ScimUserState> = {
    userName: emailOf(input),
    givenName: input.name?.givenName ?? givenFromDisplay,
    familyName: input.name?.familyName ?? familyFromDisplay,
    externalId: input.externalId === '' ? null : input.externalId,
    active: input.active,
    isAdmin: extension?.isAdmin,
    canCreate: extension?.canCreate,
    canShare: extension?.canShare,
  };
  return Object.fromEntries(
    Object.entries(asserted).filter(([, value]) => value !== undefined),
  ) as Partial<ScimUserState>;
}

/** The users-service edit (`users.update`) that brings a user to `state`. */
export function userEditOf(state: ScimUserState): UserUpdate {
  return {
    firstName: state.givenName,
    lastName: state.familyName,
    email: state.userName,
    isAdmin: state.isAdmin,
    permissions: { canCreate: state.canCreate, canShare: state.canShare },
    status: state.active ? 'active' : 'deactivated',
  };
}
