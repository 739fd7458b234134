import type { Account, User } from '@switchboard/contract';
import {
  type AccountCreate,
  type AccountDemoUpdate,
  accountCreateSchema,
  accountDemoUpdateSchema,
} from '@switchboard/contract';
import { findAccount, insertAccount, updateAccountRow } from '../account/account-repository.js';
import { recordAudit } from '../audit/audit-repository.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { activationLink } from '../identity/links.js';
import { issueUserToken } from '../identity/user-token-repository.js';
import { activationEmail } from '../mail/templates/activation-email.js';
import { newId } from '../shared/ids.js';
import type { ServiceContext } from '../shared/service-context.js';
import { insertUser } from '../users/user-repository.js';

/** A new account, its first admin, and the link that admin activates with. */
export interface CreatedAccount {
  account: Account;
  admin: User;
  /** The emailed activation link, for operator tooling to show. Treat it as a password. */
  activationLink: string;
}

/**
 * What only the platform operator does: open company accounts and set the demo flag (A2).
 * The embedding app decides who the operator is; the reference server uses a bearer token.
 */
export class OperatorService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates an account with its first admin, who is pending until they activate from the
   * emailed link (72 h, single use). Fails with `email_taken` when the email is in use (U1).
   *
   * @example await sb.operator.createAccount({ companyName: 'Acme', admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' } })
   */
  async createAccount(input: AccountCreate): Promise<CreatedAccount> {
    const { companyName, demo, admin } = parseInput(accountCreateSchema, input);
    const { db, clock, outbox, publicUrl } = this.#ctx;
    const now = clock.now();
    const at = now.toISOString();
    const created = await db.transaction().execute(async (trx) => {
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
      const link = activationLink(publicUrl, token);
      await outbox.enqueue(
        trx,
        user.email,
        activationEmail({ firstName: user.firstName, companyName, link }),
      );
      const actor = { type: 'operator' } as const;
      await recordAudit(trx, {
        accountId: account.id,
        actor,
        action: 'account.created',
        target: { type: 'account', id: account.id },
        changedFields: ['companyName', 'demo'],
        at,
      });
      await recordAudit(trx, {
        accountId: account.id,
        actor,
        action: 'user.added',
        target: { type: 'user', id: user.id },
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'],
        at,
      });
      return { account, admin: user, activationLink: link };
    });
    outbox.kick();
    return created;
  }

  /** Marks an account as a demo account or not (A2). */
  async setDemo(accountId: string, input: AccountDemoUpdate): Promise<Account> {
    const { demo } = parseInput(accountDemoUpdateSchema, input);
    const { db, dialect, clock } = this.#ctx;
    return db.transaction().execute(async (trx) => {
      const account = await findAccount(trx, accountId, { forUpdate: dialect === 'postgres' });
      if (!account) throw new SwitchboardError('not_found', 'No such account');
      if (account.demo === demo) return account;
      const at = clock.now().toISOString();
      const updated = await updateAccountRow(trx, accountId, { demo, updated_at: at });
      if (!updated) throw new SwitchboardError('not_found', 'No such account');
      await recordAudit(trx, {
        accountId,
        actor: { type: 'operator' },
        action: 'account.demo_changed',
        target: { type: 'account', id: accountId },
        changedFields: ['demo'],
        at,
      });
      return updated;
    });
  }

  /** Whether any account exists yet (the reference server seeds a demo account when not). */
  async hasAccounts(): Promise<boolean> {
    const row = await this.#ctx.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }
}
