import {
  type User,
  type UserCreate,
  type UserDeleteQuery,
  type UserListQuery,
  type UserPage,
  type UserProvisioning,
  type UserUpdate,
  userCreateSchema,
  userDeleteQuerySchema,
  userListQuerySchema,
  userProvisioningSchema,
  userUpdateSchema,
} from '@switchboard/contract';
import { bool } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { endSignIns, type RateLimiter } from '../identity/index.js';
import { reassignOwnedNumbers } from '../phone-numbers/index.js';
import type { Actor } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { keysetPage } from '../shared/keyset-cursor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import { editedColumns } from './user-columns.js';
import { decodeUserCursor, likePrefixPattern } from './user-cursor.js';
import { mailActivation, resendActivation, sendPasswordReset } from './user-emails.js';
import { findUsersPage } from './user-page-query.js';
import {
  countActiveAdmins,
  deleteUserRow,
  findEarliestActiveAdmin,
  insertUser,
  lockUserRow,
  toUser,
  updateUserRow,
} from './user-repository.js';
import {
  assertKeepsAnAdmin,
  assertNotSelfDelete,
  emailNeedsVerification,
  rejectTwoFactorEdit,
  userChanges,
} from './user-rules.js';
import {
  assertNotSelfDeactivate,
  needsActivationLink,
  removesActiveAdmin,
  standingChange,
  statusChange,
} from './user-status-rules.js';
import {
  lockForAdminChange,
  requireUsersAdmin,
  type UsersAdmin,
  userInAccount,
} from './users-admin.js';

/**
 * The users of an account, managed by its admins (U1–U7, U9) — or by the identity provider
 * that provisions them (a SCIM actor), under the same rules.
 */
export class UsersService {
  readonly #ctx: ServiceContext;
  readonly #rateLimiter: RateLimiter;

  constructor(ctx: ServiceContext, deps: { rateLimiter: RateLimiter }) {
    this.#ctx = ctx;
    this.#rateLimiter = deps.rateLimiter;
  }

  /**
   * One page of the account's users ordered by last name, first name, id; `q` matches a
   * case-insensitive prefix of either name or the email, `status` keeps one state. One query
   * per page.
   *
   * @example for (let page = await sb.users.list(admin); ; page = await sb.users.list(admin, { cursor: page.nextCursor })) …
   */
  async list(actor: UsersAdmin, query: UserListQuery = {}): Promise<UserPage> {
    requireUsersAdmin(actor);
    const { limit, cursor, q, status } = parseInput(userListQuerySchema, query);
    const rows = await findUsersPage(this.#ctx.db, actor.accountId, {
      after: cursor ? decodeUserCursor(cursor) : null,
      pattern: q ? likePrefixPattern(q) : null,
      status,
      limit: limit + 1,
    });
    return keysetPage(rows, limit, toUser, (row) => [row.last_name, row.first_name, row.id]);
  }

  /** One user of the account; `not_found` for any other id. */
  async get(actor: UsersAdmin, id: string): Promise<User> {
    requireUsersAdmin(actor);
    return toUser(await userInAccount(this.#ctx.db, actor, id));
  }

  /**
   * Adds a pending user and emails them an activation link (U2). `email_taken` when the
   * email, compared by its normalised key, is in use anywhere (U1). An identity provider
   * also gives its id of the user, and may add them deactivated (no email then: they get
   * one when reactivated).
   */
  async add(
    actor: UsersAdmin,
    input: UserCreate,
    provisioning: UserProvisioning = {},
  ): Promise<User> {
    requireUsersAdmin(actor);
    const { firstName, lastName, email, isAdmin, permissions } = parseInput(
      userCreateSchema,
      input,
    );
    const { externalId, deactivated } = parseInput(userProvisioningSchema, provisioning);
    return this.#ctx.write(actor, async (tx) => {
      const account = await lockForAdminChange(tx, actor);
      const added = await insertUser(tx.trx, {
        id: newId('usr'),
        accountId: actor.accountId,
        firstName,
        lastName,
        email,
        isAdmin,
        canCreate: permissions.canCreate ?? false,
        canShare: permissions.canShare ?? false,
        now: tx.at,
        externalId: externalId ?? null,
        deactivatedAt: deactivated ? tx.at : null,
      });
      if (!deactivated) {
        await mailActivation(this.#ctx, tx, added.id, added.email, firstName, account.companyName);
      }
      const target = { type: 'user', id: added.id };
      tx.record({
        action: 'user.added',
        target,
        object: added,
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'].concat(
          externalId ? ['externalId'] : [],
        ),
      });
      if (deactivated)
        tx.record({ action: 'user.deactivated', target, changedFields: ['status'], object: added });
      return added;
    });
  }

  /**
   * Edits names, email, admin flag or permissions (U3), and deactivates or reactivates
   * (`status`, U9). A body carrying `twoFactorEnabled` is refused whole. A new email is
   * checked again (U1) and re-verified: the user goes back to pending, their sessions end,
   * and the new address gets an activation link. An email that differs only in case or
   * spacing is stored as given, without re-verification. Deactivating ends the user's
   * sessions, emailed links and sign-in codes at once and keeps the user, their numbers and
   * history; reactivating restores them (a pending user gets a new activation link). The
   * account keeps an active admin (U4); nobody deactivates themselves.
   */
  async update(
    actor: UsersAdmin,
    id: string,
    input: UserUpdate,
    condition?: VersionCondition,
    provisioning: Pick<UserProvisioning, 'externalId'> = {},
  ): Promise<User> {
    requireUsersAdmin(actor);
    rejectTwoFactorEdit(input);
    const edit = parseInput(userUpdateSchema, input);
    const { externalId } = parseInput(userProvisioningSchema, provisioning);
    if (edit.status === 'deactivated') assertNotSelfDeactivate(actor, id);
    return this.#ctx.write(actor, async (tx) => {
      const account = await lockForAdminChange(tx, actor);
      // Locked: a user editing their own name (me) waits, so the version checked is the one
      // written over (C1).
      const locked = await lockUserRow(tx, id, 'update');
      if (!locked || locked.account_id !== actor.accountId)
        throw new SwitchboardError('not_found', 'No such user');
      assertVersion(locked.version, condition);
      const current = toUser(locked);
      const changed = userChanges(current, edit);
      const newExternalId = externalId !== undefined && externalId !== locked.external_id;
      if (newExternalId) changed.push('externalId');
      const status = statusChange(current.status, edit.status);
      if (changed.length === 0 && status === null) return current;
      if (removesActiveAdmin(...standingChange(current, edit.isAdmin, status)))
        assertKeepsAnAdmin(await countActiveAdmins(tx.trx, actor.accountId), true);
      const newEmail = changed.includes('email') ? edit.email : undefined;
      const reverify = newEmail !== undefined && emailNeedsVerification(current.email, newEmail);
      const row = await updateUserRow(
        tx.trx,
        id,
        editedColumns(edit, {
          newEmail,
          reverify,
          externalId: newExternalId ? externalId : undefined,
          status,
          at: tx.at,
        }),
      );
      // Links and codes sent to the old address stop working; so does everything of a
      // deactivated user, sessions first.
      if (reverify || status === 'deactivate') await endSignIns(tx.trx, id, tx.at);
      const updated = toUser(row);
      if (
        needsActivationLink(updated, { reverified: reverify, reactivated: status === 'reactivate' })
      ) {
        await mailActivation(this.#ctx, tx, id, row.email, row.first_name, account.companyName);
      }
      const target = { type: 'user', id };
      const object = updated;
      if (changed.length > 0)
        tx.record({ action: 'user.updated', target, changedFields: changed, object });
      if (status !== null) {
        const action = status === 'deactivate' ? 'user.deactivated' : 'user.reactivated';
        tx.record({ action, target, changedFields: ['status'], object });
      }
      return updated;
    });
  }

  /**
   * Deletes a user (U4, U5): never yourself, never the last active admin. Their sessions
   * and emailed tokens go with them; their phone numbers pass to `reassignTo` (another user
   * of the account), else to you — or, for an identity provider, to the account's earliest
   * added active admin.
   */
  async delete(
    actor: UsersAdmin,
    id: string,
    options: UserDeleteQuery = {},
    condition?: VersionCondition,
  ): Promise<void> {
    requireUsersAdmin(actor);
    if ('userId' in actor) assertNotSelfDelete(actor, id);
    const { reassignTo } = parseInput(userDeleteQuerySchema, options);
    await this.#ctx.write(actor, async (tx) => {
      await lockForAdminChange(tx, actor);
      // The user is locked before their numbers: an owner change pointing a number at them
      // takes the same lock first, so the two wait for each other instead of deadlocking.
      const user = await lockUserRow(tx, id, 'update');
      if (!user || user.account_id !== actor.accountId)
        throw new SwitchboardError('not_found', 'No such user');
      assertVersion(user.version, condition);
      const standing = { isAdmin: bool(user.is_admin), deactivated: user.deactivated_at !== null };
      if (removesActiveAdmin(standing, { isAdmin: false, deactivated: true }))
        assertKeepsAnAdmin(await countActiveAdmins(tx.trx, actor.accountId), true);
      const heir =
        reassignTo ??
        ('userId' in actor
          ? actor.userId
          : await findEarliestActiveAdmin(tx.trx, actor.accountId, id));
      if (heir === undefined || heir === id)
        throw new SwitchboardError('not_found', 'reassignTo must be another user of the account');
      await userInAccount(tx.trx, actor, heir);
      await reassignOwnedNumbers(tx.trx, id, heir, tx.at);
      await deleteUserRow(tx.trx, id);
      tx.record({ action: 'user.deleted', target: { type: 'user', id }, changedFields: [] });
    });
  }

  /**
   * Emails the user a password-reset link (1 hour, single use); the admin never sees it
   * (U6). `user_deactivated` for a deactivated user.
   */
  sendPasswordReset(actor: Actor, id: string): Promise<void> {
    return sendPasswordReset(this.#ctx, this.#rateLimiter, actor, id);
  }

  /**
   * Emails a pending user a fresh activation link (the old one stops working);
   * `already_active` for an active user, `user_deactivated` for a deactivated one.
   */
  resendActivation(actor: Actor, id: string): Promise<void> {
    return resendActivation(this.#ctx, this.#rateLimiter, actor, id);
  }
}
