import {
  emailKey,
  type User,
  type UserCreate,
  type UserDeleteQuery,
  type UserListQuery,
  type UserPage,
  type UserUpdate,
  userCreateSchema,
  userDeleteQuerySchema,
  userListQuerySchema,
  userUpdateSchema,
} from '@switchboard/contract';
import { findAccount, lockAccount } from '../account/index.js';
import type { Executor } from '../db/database.js';
import { bool } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import {
  activationLink,
  endSignIns,
  issueUserToken,
  passwordResetLink,
  type RateLimiter,
} from '../identity/index.js';
import { activationEmail, passwordResetEmail } from '../mail/index.js';
import { reassignOwnedNumbers } from '../phone-numbers/index.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { keysetPage } from '../shared/keyset-cursor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import type { WriteTx } from '../shared/write-pipeline.js';
import { decodeUserCursor, likePrefixPattern } from './user-cursor.js';
import {
  countAdmins,
  deleteUserRow,
  findUserRow,
  findUsersPage,
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

/** The users of an account, managed by its admins (U1–U7). */
export class UsersService {
  readonly #ctx: ServiceContext;
  readonly #rateLimiter: RateLimiter;

  constructor(ctx: ServiceContext, deps: { rateLimiter: RateLimiter }) {
    this.#ctx = ctx;
    this.#rateLimiter = deps.rateLimiter;
  }

  /**
   * One page of the account's users ordered by last name, first name, id; `q` matches a
   * case-insensitive prefix of either name or the email. One query per page.
   *
   * @example for (let page = await sb.users.list(admin); ; page = await sb.users.list(admin, { cursor: page.nextCursor })) …
   */
  async list(actor: Actor, query: UserListQuery = {}): Promise<UserPage> {
    requireAdmin(actor);
    const { limit, cursor, q } = parseInput(userListQuerySchema, query);
    const rows = await findUsersPage(this.#ctx.db, actor.accountId, {
      after: cursor ? decodeUserCursor(cursor) : null,
      pattern: q ? likePrefixPattern(q) : null,
      limit: limit + 1,
    });
    return keysetPage(rows, limit, toUser, (row) => [row.last_name, row.first_name, row.id]);
  }

  /** One user of the account; `not_found` for any other id. */
  async get(actor: Actor, id: string): Promise<User> {
    requireAdmin(actor);
    return toUser(await userInAccount(this.#ctx.db, actor, id));
  }

  /**
   * Adds a pending user and emails them an activation link (U2). `email_taken` when the
   * email, compared by its normalised key, is in use anywhere (U1).
   */
  async add(actor: Actor, input: UserCreate): Promise<User> {
    requireAdmin(actor);
    const { firstName, lastName, email, isAdmin, permissions } = parseInput(
      userCreateSchema,
      input,
    );
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
      });
      await this.#mailActivation(tx, added.id, added.email, firstName, account.companyName);
      tx.record({
        action: 'user.added',
        target: { type: 'user', id: added.id },
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'],
      });
      return added;
    });
  }

  /**
   * Edits names, email, admin flag or permissions (U3). A body carrying `twoFactorEnabled`
   * is refused whole. A new email is checked again (U1) and re-verified: the user goes back
   * to pending, their sessions end, and the new address gets an activation link. An email
   * that differs only in case or spacing is stored as given, without re-verification.
   */
  async update(
    actor: Actor,
    id: string,
    input: UserUpdate,
    condition?: VersionCondition,
  ): Promise<User> {
    requireAdmin(actor);
    rejectTwoFactorEdit(input);
    const edit = parseInput(userUpdateSchema, input);
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
      if (changed.length === 0) return current;
      if (changed.includes('isAdmin') && edit.isAdmin === false) {
        assertKeepsAnAdmin(await countAdmins(tx.trx, actor.accountId), true);
      }
      const newEmail = changed.includes('email') ? edit.email : undefined;
      const reverify = newEmail !== undefined && emailNeedsVerification(current.email, newEmail);
      const row = await updateUserRow(tx.trx, id, {
        ...(edit.firstName !== undefined ? { first_name: edit.firstName } : {}),
        ...(edit.lastName !== undefined ? { last_name: edit.lastName } : {}),
        ...(edit.isAdmin !== undefined ? { is_admin: edit.isAdmin } : {}),
        ...(edit.permissions?.canCreate !== undefined
          ? { can_create: edit.permissions.canCreate }
          : {}),
        ...(edit.permissions?.canShare !== undefined
          ? { can_share: edit.permissions.canShare }
          : {}),
        ...(newEmail !== undefined ? { email: newEmail } : {}),
        ...(reverify
          ? { email_key: emailKey(newEmail), status: 'pending' as const, password_hash: null }
          : {}),
        updated_at: tx.at,
      });
      if (reverify) {
        // Links and codes sent to the old address stop working; only the new one activates.
        await endSignIns(tx.trx, id, tx.at);
        await this.#mailActivation(tx, id, row.email, row.first_name, account.companyName);
      }
      tx.record({ action: 'user.updated', target: { type: 'user', id }, changedFields: changed });
      return toUser(row);
    });
  }

  /**
   * Deletes a user (U4, U5): never yourself, never the last admin. Their sessions and
   * emailed tokens go with them; their phone numbers pass to `reassignTo` (another user of
   * the account) or to you.
   */
  async delete(
    actor: Actor,
    id: string,
    options: UserDeleteQuery = {},
    condition?: VersionCondition,
  ): Promise<void> {
    requireAdmin(actor);
    assertNotSelfDelete(actor, id);
    const { reassignTo } = parseInput(userDeleteQuerySchema, options);
    await this.#ctx.write(actor, async (tx) => {
      await lockForAdminChange(tx, actor);
      // The user is locked before their numbers: an owner change pointing a number at them
      // takes the same lock first, so the two wait for each other instead of deadlocking.
      const user = await lockUserRow(tx, id, 'update');
      if (!user || user.account_id !== actor.accountId)
        throw new SwitchboardError('not_found', 'No such user');
      assertVersion(user.version, condition);
      const heir = reassignTo ?? actor.userId;
      if (heir === id)
        throw new SwitchboardError('not_found', 'reassignTo must be another user of the account');
      await userInAccount(tx.trx, actor, heir);
      if (bool(user.is_admin)) assertKeepsAnAdmin(await countAdmins(tx.trx, actor.accountId), true);
      await reassignOwnedNumbers(tx.trx, id, heir, tx.at);
      await deleteUserRow(tx.trx, id);
      tx.record({ action: 'user.deleted', target: { type: 'user', id }, changedFields: [] });
    });
  }

  /** Emails the user a password-reset link (1 hour, single use); the admin never sees it (U6). */
  async sendPasswordReset(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    await this.#countEmail(actor, id);
    await this.#ctx.write(actor, async (tx) => {
      const user = await userInAccount(tx.trx, actor, id);
      const { token } = await issueUserToken(tx.trx, {
        userId: id,
        purpose: 'password_reset',
        now: tx.now,
      });
      await tx.mail(
        user.email,
        passwordResetEmail({
          firstName: user.first_name,
          link: passwordResetLink(this.#ctx.publicUrl, token),
        }),
      );
      tx.record({ action: 'user.password_reset_requested', target: { type: 'user', id } });
    });
  }

  /** Emails a pending user a fresh activation link (the old one stops working); `already_active` otherwise. */
  async resendActivation(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    await this.#countEmail(actor, id);
    await this.#ctx.write(actor, async (tx) => {
      const user = await userInAccount(tx.trx, actor, id);
      if (user.status !== 'pending')
        throw new SwitchboardError('already_active', 'This user is already active');
      const account = await findAccount(tx.trx, actor.accountId);
      await this.#mailActivation(tx, id, user.email, user.first_name, account?.companyName ?? '');
      tx.record({ action: 'user.activation_resent', target: { type: 'user', id } });
    });
  }

  /**
   * Counts an email an admin asks to send a user, so the API cannot be used to flood a
   * mailbox: `rate_limited` (with seconds to wait) past the per-user or per-admin limit.
   * Counted atomically and before anything is sent, on every instance alike.
   */
  async #countEmail(actor: Actor, userId: string): Promise<void> {
    const { emailsPerUser, emailsPerSender } = this.#rateLimiter.options;
    await this.#rateLimiter.take(
      [
        { key: `email:user:${userId}`, limit: emailsPerUser },
        { key: `email:sender:${actor.userId}`, limit: emailsPerSender },
      ],
      'Too many emails to this user; try again later',
    );
  }

  /** Issues an activation token (voiding earlier ones) and queues its email (U2, U3). */
  async #mailActivation(
    tx: WriteTx,
    userId: string,
    email: string,
    firstName: string,
    companyName: string,
  ): Promise<void> {
    const { token } = await issueUserToken(tx.trx, { userId, purpose: 'activation', now: tx.now });
    await tx.mail(
      email,
      activationEmail({
        firstName,
        companyName,
        link: activationLink(this.#ctx.publicUrl, token),
      }),
    );
  }
}

/**
 * Serialises admin changes per account and re-checks, inside the transaction, that the
 * actor is still an admin of it — so two admins demoting or deleting each other at the
 * same moment cannot leave the account without one (U4).
 */
async function lockForAdminChange(tx: WriteTx, actor: Actor) {
  const account = await lockAccount(tx, actor.accountId);
  const me = await findUserRow(tx.trx, actor.userId);
  if (!me || me.account_id !== actor.accountId || !bool(me.is_admin)) {
    throw new SwitchboardError('forbidden', 'Only account admins may do this');
  }
  return account;
}

/** The user's row when it belongs to the actor's account; `not_found` otherwise. */
async function userInAccount(db: Executor, actor: Actor, id: string) {
  const row = await findUserRow(db, id);
  if (!row || row.account_id !== actor.accountId)
    throw new SwitchboardError('not_found', 'No such user');
  return row;
}
