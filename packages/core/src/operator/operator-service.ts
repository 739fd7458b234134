import type { Account, User } from '@switchboard/contract';
import {
  type AccountCreate,
  type AccountDemoUpdate,
  accountCreateSchema,
  accountDemoUpdateSchema,
} from '@switchboard/contract';
import { hasAnyAccount, insertAccount, lockAccount, updateAccountRow } from '../account/index.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { activationLink, issueUserToken } from '../identity/index.js';
import { activationEmail } from '../mail/index.js';
import { newId } from '../shared/ids.js';
import { type OperatorActor, requireOperator } from '../shared/operator-actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import { insertUser } from '../users/index.js';

/** A new account, its first admin, and the link that admin activates with. */
export interface CreatedAccount {
  account: Account;
  admin: User;
  /** The emailed activation link, for operator tooling to show. Treat it as a password. */
  activationLink: string;
}

/**
 * What only the platform operator does: open company accounts and set the demo flag (A2).
 * Each method takes the operator's actor first (`operatorActor()`) and refuses any other
 * with `forbidden`; its changes are recorded as the operator's (E1). The embedding app
 * decides who the operator is; the reference server uses a bearer token.
 */
export class OperatorService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates an account with its first admin, who is pending until they activate from the
   * emailed link (72 h, single use). Fails with `email_taken` when the email is in use (U1),
   * and with `forbidden` unless `actor` is the operator (A2).
   *
   * @example await sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' } })
   */
  async createAccount(actor: OperatorActor, input: AccountCreate): Promise<CreatedAccount> {
    requireOperator(actor);
    const { companyName, demo, admin } = parseInput(accountCreateSchema, input);
    return this.#ctx.write(actor, async (tx) => {
      const { trx, now, at } = tx;
      const account = await insertAccount(trx, { id: newId('acc'), companyName, demo, now: at });
      const user = await insertUser(trx, {
        id: newId('usr'),
        accountId: account.id,
        ...admin,
        isAdmin: true,
        canCreate: true,
        canShare: true,
        now: at,
      });
      const { token } = await issueUserToken(trx, { userId: user.id, purpose: 'activation', now });
      const link = activationLink(this.#ctx.publicUrl, token);
      await tx.mail(user.email, activationEmail({ firstName: user.firstName, companyName, link }));
      tx.record({
        accountId: account.id,
        action: 'account.created',
        target: { type: 'account', id: account.id },
        changedFields: ['companyName', 'demo'],
        object: account,
      });
      tx.record({
        accountId: account.id,
        action: 'user.added',
        target: { type: 'user', id: user.id },
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'],
        object: user,
      });
      return { account, admin: user, activationLink: link };
    });
  }

  /**
   * Marks an account as a demo account or not. Only the operator may (A2): any other actor
   * gets `forbidden`.
   *
   * @example await sb.operator.setDemo(operatorActor(), accountId, { demo: true })
   */
  async setDemo(
    actor: OperatorActor,
    accountId: string,
    input: AccountDemoUpdate,
    condition?: VersionCondition,
  ): Promise<Account> {
    requireOperator(actor);
    const { demo } = parseInput(accountDemoUpdateSchema, input);
    return this.#ctx.write(actor, async (tx) => {
      const account = await lockAccount(tx, accountId);
      assertVersion(account.version, condition);
      if (account.demo === demo) return account;
      const updated = await updateAccountRow(tx.trx, accountId, { demo, updated_at: tx.at });
      if (!updated) throw new SwitchboardError('not_found', 'No such account');
      tx.record({
        accountId,
        action: 'account.demo_changed',
        target: { type: 'account', id: accountId },
        changedFields: ['demo'],
        object: updated,
      });
      return updated;
    });
  }

  /** Whether any account exists yet (the reference server seeds a demo account when not). */
  async hasAccounts(): Promise<boolean> {
    return hasAnyAccount(this.#ctx.db);
  }
}
