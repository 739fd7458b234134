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
import { sql } from 'kysely';
import { findAccount } from '../account/account-repository.js';
import { recordActorAudit } from '../audit/audit-repository.js';
import type { Executor } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bool } from '../db/row-values.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { activationLink, passwordResetLink } from '../identity/links.js';
import { endSignIns } from '../identity/session-repository.js';
import { issueUserToken } from '../identity/user-token-repository.js';
import { activationEmail } from '../mail/templates/activation-email.js';
import { passwordResetEmail } from '../mail/templates/password-reset-email.js';
import { reassignOwnedNumbers } from '../phone-numbers/phone-number-repository.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { keysetPage } from '../shared/keyset-cursor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { decodeUserCursor, likePrefixPattern, type UserCursor } from './user-cursor.js';
import { emailKeyIndex, findUserRow, insertUser, toUser } from './user-repository.js';
import {
  assertKeepsAnAdmin,
  assertNotSelfDelete,
  emailNeedsVerification,
  rejectTwoFactorEdit,
  userChanges,
} from './user-rules.js';

const usersByName = (db: Executor, accountId: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id');

// The pages without a search, compiled once: the first, and any after a cursor.
const firstPageQuery = preparedQuery((db: Executor, accountId: string, limit: number) =>
  usersByName(db, accountId).limit(limit),
);
const pageAfterQuery = preparedQuery(
  (
    db: Executor,
    accountId: string,
    lastName: string,
    firstName: string,
    id: string,
    limit: number,
  ) =>
    usersByName(db, accountId)
      .where((eb) =>
        eb(eb.refTuple('last_name', 'first_name', 'id'), '>', eb.tuple(lastName, firstName, id)),
      )
      .limit(limit),
);

const emailTaken = () =>
  new SwitchboardError('email_taken', 'This email address is already in use', {
    issues: [{ path: 'email', message: 'Already in use by another user' }],
  });

/** The users of an account, managed by its admins (U1–U7). */
export class UsersService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
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
    const after = cursor ? decodeUserCursor(cursor) : null;
    const pattern = q ? likePrefixPattern(q) : null;
    const { db } = this.#ctx;
    const rows =
      pattern === null
        ? after === null
          ? await firstPageQuery(db, actor.accountId, limit + 1)
          : await pageAfterQuery(
              db,
              actor.accountId,
              after.lastName,
              after.firstName,
              after.id,
              limit + 1,
            )
        : await this.#search(actor.accountId, pattern, after, limit);
    return keysetPage(rows, limit, toUser, (row) => [row.last_name, row.first_name, row.id]);
  }

  /** A page of the users whose names or email start with `pattern` (a LIKE prefix). */
  async #search(accountId: string, pattern: string, after: UserCursor | null, limit: number) {
    return this.#ctx.db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .$if(after !== null, (qb) =>
        qb.where((eb) =>
          eb(
            eb.refTuple('last_name', 'first_name', 'id'),
            '>',
            eb.tuple(after?.lastName ?? '', after?.firstName ?? '', after?.id ?? ''),
          ),
        ),
      )
      .where((eb) =>
        eb.or(
          (['first_name', 'last_name', 'email'] as const).map(
            // Both sides through the database's lower(), so SQLite and PostgreSQL fold alike.
            (column) => sql<boolean>`lower(${eb.ref(column)}) like lower(${pattern}) escape '\\'`,
          ),
        ),
      )
      .orderBy('last_name')
      .orderBy('first_name')
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  }

  /** One user of the account; `not_found` for any other id. */
  async get(actor: Actor, id: string): Promise<User> {
    requireAdmin(actor);
    return toUser(await this.#userInAccount(this.#ctx.db, actor, id));
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
    const { db, clock, outbox, publicUrl } = this.#ctx;
    const now = clock.now();
    const at = now.toISOString();
    const user = await db.transaction().execute(async (trx) => {
      const account = await this.#lockForAdminChange(trx, actor);
      const added = await insertUser(trx, {
        id: newId('usr'),
        accountId: actor.accountId,
        firstName,
        lastName,
        email,
        isAdmin,
        canCreate: permissions.canCreate ?? false,
        canShare: permissions.canShare ?? false,
        now: at,
      });
      const { token } = await issueUserToken(trx, { userId: added.id, purpose: 'activation', now });
      await outbox.enqueue(
        trx,
        added.email,
        activationEmail({
          firstName,
          companyName: account.companyName,
          link: activationLink(publicUrl, token),
        }),
      );
      await recordActorAudit(trx, actor, {
        action: 'user.added',
        target: { type: 'user', id: added.id },
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'],
        at,
      });
      return added;
    });
    outbox.kick();
    return user;
  }

  /**
   * Edits names, email, admin flag or permissions (U3). A body carrying `twoFactorEnabled`
   * is refused whole. A new email is checked again (U1) and re-verified: the user goes back
   * to pending, their sessions end, and the new address gets an activation link. An email
   * that differs only in case or spacing is stored as given, without re-verification.
   */
  async update(actor: Actor, id: string, input: UserUpdate): Promise<User> {
    requireAdmin(actor);
    rejectTwoFactorEdit(input);
    const edit = parseInput(userUpdateSchema, input);
    const { db, clock, outbox, publicUrl } = this.#ctx;
    const now = clock.now();
    const at = now.toISOString();
    const user = await db.transaction().execute(async (trx) => {
      const account = await this.#lockForAdminChange(trx, actor);
      const current = toUser(await this.#userInAccount(trx, actor, id));
      const changed = userChanges(current, edit);
      if (changed.length === 0) return current;
      if (changed.includes('isAdmin') && edit.isAdmin === false) {
        assertKeepsAnAdmin(await this.#adminCount(trx, actor.accountId), true);
      }
      const emailChanged = changed.includes('email') && edit.email !== undefined;
      const reverify =
        emailChanged && emailNeedsVerification(current.email, edit.email ?? current.email);
      try {
        const row = await trx
          .updateTable('users')
          .set({
            ...(edit.firstName !== undefined ? { first_name: edit.firstName } : {}),
            ...(edit.lastName !== undefined ? { last_name: edit.lastName } : {}),
            ...(edit.isAdmin !== undefined ? { is_admin: edit.isAdmin } : {}),
            ...(edit.permissions?.canCreate !== undefined
              ? { can_create: edit.permissions.canCreate }
              : {}),
            ...(edit.permissions?.canShare !== undefined
              ? { can_share: edit.permissions.canShare }
              : {}),
            ...(emailChanged && edit.email !== undefined ? { email: edit.email } : {}),
            ...(reverify && edit.email !== undefined
              ? { email_key: emailKey(edit.email), status: 'pending' as const, password_hash: null }
              : {}),
            updated_at: at,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (reverify) {
          await endSignIns(trx, id, at);
          const { token } = await issueUserToken(trx, { userId: id, purpose: 'activation', now });
          await outbox.enqueue(
            trx,
            row.email,
            activationEmail({
              firstName: row.first_name,
              companyName: account.companyName,
              link: activationLink(publicUrl, token),
            }),
          );
        }
        await recordActorAudit(trx, actor, {
          action: 'user.updated',
          target: { type: 'user', id },
          changedFields: changed,
          at,
        });
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error, emailKeyIndex)) throw emailTaken();
        throw error;
      }
    });
    outbox.kick();
    return user;
  }

  /**
   * Deletes a user (U4, U5): never yourself, never the last admin. Their sessions and
   * emailed tokens go with them; their phone numbers pass to `reassignTo` (another user of
   * the account) or to you.
   */
  async delete(actor: Actor, id: string, options: UserDeleteQuery = {}): Promise<void> {
    requireAdmin(actor);
    assertNotSelfDelete(actor, id);
    const { reassignTo } = parseInput(userDeleteQuerySchema, options);
    const at = this.#ctx.clock.now().toISOString();
    await this.#ctx.db.transaction().execute(async (trx) => {
      await this.#lockForAdminChange(trx, actor);
      const user = await this.#userInAccount(trx, actor, id);
      const heir = reassignTo ?? actor.userId;
      if (heir === id)
        throw new SwitchboardError('not_found', 'reassignTo must be another user of the account');
      await this.#userInAccount(trx, actor, heir);
      if (bool(user.is_admin))
        assertKeepsAnAdmin(await this.#adminCount(trx, actor.accountId), true);
      // Phone numbers pass to the heir; sessions, tokens and challenges go by ON DELETE CASCADE.
      await reassignOwnedNumbers(trx, id, heir, at);
      await trx.deleteFrom('users').where('id', '=', id).execute();
      await recordActorAudit(trx, actor, {
        action: 'user.deleted',
        target: { type: 'user', id },
        changedFields: [],
        at,
      });
    });
  }

  /** Emails the user a password-reset link (1 hour, single use); the admin never sees it (U6). */
  async sendPasswordReset(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    const { db, clock, outbox, publicUrl } = this.#ctx;
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const user = await this.#userInAccount(trx, actor, id);
      const { token } = await issueUserToken(trx, { userId: id, purpose: 'password_reset', now });
      await outbox.enqueue(
        trx,
        user.email,
        passwordResetEmail({
          firstName: user.first_name,
          link: passwordResetLink(publicUrl, token),
        }),
      );
      await recordActorAudit(trx, actor, {
        action: 'user.password_reset_requested',
        target: { type: 'user', id },
        at: now.toISOString(),
      });
    });
    outbox.kick();
  }

  /** Emails a pending user a fresh activation link (the old one stops working); `already_active` otherwise. */
  async resendActivation(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    const { db, clock, outbox, publicUrl } = this.#ctx;
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const user = await this.#userInAccount(trx, actor, id);
      if (user.status !== 'pending')
        throw new SwitchboardError('already_active', 'This user is already active');
      const account = await findAccount(trx, actor.accountId);
      const { token } = await issueUserToken(trx, { userId: id, purpose: 'activation', now });
      await outbox.enqueue(
        trx,
        user.email,
        activationEmail({
          firstName: user.first_name,
          companyName: account?.companyName ?? '',
          link: activationLink(publicUrl, token),
        }),
      );
      await recordActorAudit(trx, actor, {
        action: 'user.activation_resent',
        target: { type: 'user', id },
        at: now.toISOString(),
      });
    });
    outbox.kick();
  }

  /**
   * Serialises admin changes per account and re-checks, inside the transaction, that the
   * actor is still an admin of it — so two admins demoting or deleting each other at the
   * same moment cannot leave the account without one (U4). SQLite transactions already
   * hold the write lock; PostgreSQL locks the account row.
   */
  async #lockForAdminChange(trx: Executor, actor: Actor) {
    const account = await findAccount(trx, actor.accountId, {
      forUpdate: this.#ctx.dialect === 'postgres',
    });
    const me = await findUserRow(trx, actor.userId);
    if (!account || !me || me.account_id !== actor.accountId || !bool(me.is_admin)) {
      throw new SwitchboardError('forbidden', 'Only account admins may do this');
    }
    return account;
  }

  /**
   * Re-verification after an email change (U3): sessions end, and links and sign-in codes
   * sent before — to the old address — stop working, so only the new address can activate.
   */

  async #userInAccount(db: Executor, actor: Actor, id: string) {
    const row = await findUserRow(db, id);
    if (!row || row.account_id !== actor.accountId)
      throw new SwitchboardError('not_found', 'No such user');
    return row;
  }

  async #adminCount(db: Executor, accountId: string): Promise<number> {
    const { count } = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('account_id', '=', accountId)
      .where('is_admin', '=', true)
      .executeTakeFirstOrThrow();
    return Number(count);
  }
}
