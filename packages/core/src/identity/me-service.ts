import type { User } from '@switchboard/contract';
import {
  type MeUpdate,
  meUpdateSchema,
  type PasswordChange,
  passwordChangeSchema,
  type TwoFactorChange,
  twoFactorChangeSchema,
} from '@switchboard/contract';
import type { Executor } from '../db/database.js';
import { bool } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { twoFactorChangedEmail } from '../mail/index.js';
import type { Actor } from '../shared/actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import {
  findUserRow,
  lockUserRow,
  setPasswordHash,
  toUser,
  updateUserRow,
} from '../users/index.js';
import type { IdentityDeps } from './identity-options.js';
import { assertPasswordAcceptable } from './password-hasher.js';
import { deleteUserSessions } from './session-repository.js';

/** What every user may do to their own user (U8): names, password, two-factor. */
export class MeService {
  readonly #ctx: ServiceContext;
  readonly #deps: IdentityDeps;

  constructor(ctx: ServiceContext, deps: IdentityDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
  }

  /** The acting user. */
  async get(actor: Actor): Promise<User> {
    return toUser(await this.#row(this.#ctx.db, actor));
  }

  /** Changes one's own first and/or last name. */
  async update(actor: Actor, input: MeUpdate, condition?: VersionCondition): Promise<User> {
    const update = parseInput(meUpdateSchema, input);
    return this.#ctx.write(actor, async (tx) => {
      const row = await lockUserRow(tx, actor.userId, 'update');
      if (!row || row.account_id !== actor.accountId)
        throw new SwitchboardError('not_found', 'No such user');
      assertVersion(row.version, condition);
      const changes: { first_name?: string; last_name?: string } = {};
      if (update.firstName !== undefined && update.firstName !== row.first_name)
        changes.first_name = update.firstName;
      if (update.lastName !== undefined && update.lastName !== row.last_name)
        changes.last_name = update.lastName;
      const fields = Object.keys(changes);
      if (fields.length === 0) return toUser(row);
      const updated = toUser(
        await updateUserRow(tx.trx, row.id, { ...changes, updated_at: tx.at }),
      );
      tx.record({
        action: 'user.updated',
        target: { type: 'user', id: row.id },
        changedFields: fields.map((f) => (f === 'first_name' ? 'firstName' : 'lastName')),
        object: updated,
      });
      return updated;
    });
  }

  /**
   * Changes one's own password, re-entering the current one (`wrong_password` otherwise).
   * Every other session of the user ends.
   */
  async changePassword(actor: Actor, input: PasswordChange): Promise<void> {
    const { currentPassword, newPassword } = parseInput(passwordChangeSchema, input);
    assertPasswordAcceptable(newPassword, 'newPassword');
    await this.#verifyPassword(actor, currentPassword, 'currentPassword');
    const hash = await this.#deps.passwords.hash(newPassword);
    await this.#ctx.write(actor, async (tx) => {
      const row = await this.#row(tx.trx, actor);
      await setPasswordHash(tx.trx, row.id, hash, tx.at);
      await deleteUserSessions(tx.trx, row.id, actor.sessionId);
      tx.record({
        action: 'user.password_changed',
        target: { type: 'user', id: row.id },
        changedFields: ['password'],
      });
    });
  }

  /** Turns one's own two-factor sign-in on or off, re-entering the password; emails a notice. */
  async setTwoFactor(actor: Actor, input: TwoFactorChange): Promise<User> {
    const { enabled, password } = parseInput(twoFactorChangeSchema, input);
    await this.#verifyPassword(actor, password, 'password');
    return this.#ctx.write(actor, async (tx) => {
      const row = await this.#row(tx.trx, actor);
      if (bool(row.two_factor_enabled) === enabled) return toUser(row);
      const updated = toUser(
        await updateUserRow(tx.trx, row.id, { two_factor_enabled: enabled, updated_at: tx.at }),
      );
      await tx.mail(row.email, twoFactorChangedEmail({ firstName: row.first_name, enabled }));
      tx.record({
        action: 'user.two_factor_changed',
        target: { type: 'user', id: row.id },
        changedFields: ['twoFactorEnabled'],
        object: updated,
      });
      return updated;
    });
  }

  async #row(db: Executor, actor: Actor) {
    const row = await findUserRow(db, actor.userId);
    if (!row || row.account_id !== actor.accountId)
      throw new SwitchboardError('not_found', 'No such user');
    return row;
  }

  /** Checks a re-entered password; wrong ones count toward the user's rate limit. */
  async #verifyPassword(actor: Actor, password: string, path: string): Promise<void> {
    const { rateLimiter, passwords } = this.#deps;
    // Counted before the check, so concurrent guesses cannot pass the limit (D3).
    const attempt = await rateLimiter.take([
      { key: `me-password:${actor.userId}`, limit: rateLimiter.options.perEmailAndAddress },
    ]);
    const row = await this.#row(this.#ctx.db, actor);
    if (!row.password_hash || !(await passwords.verify(password, row.password_hash))) {
      throw new SwitchboardError('wrong_password', 'The password is wrong', {
        issues: [{ path, message: 'Wrong password' }],
      });
    }
    await attempt.succeeded();
  }
}
