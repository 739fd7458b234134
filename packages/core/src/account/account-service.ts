import { type Account, type AccountUpdate, accountUpdateSchema } from '@switchboard/contract';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import { accountChanges } from './account-changes.js';
import { findAccount, lockAccount, updateAccountRow } from './account-repository.js';

const columns = {
  companyName: 'company_name',
  address: 'address',
  city: 'city',
  state: 'state',
  zip: 'zip',
  phoneNumber: 'phone_number',
} as const;

/** The company's details (A1). Every user reads; admins update. */
export class AccountService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /** The actor's account. */
  async get(actor: Actor): Promise<Account> {
    const account = await findAccount(this.#ctx.db, actor.accountId);
    if (!account) throw new SwitchboardError('not_found', 'No such account');
    return account;
  }

  /**
   * Updates company details (admins only). Input is validated as a whole first: a bad
   * field changes nothing. The phone number is stored as E.164, the state upper-cased.
   *
   * @example await sb.account.update(actor, { city: 'Boston', state: 'ma', zip: '02110' })
   */
  async update(actor: Actor, input: AccountUpdate, condition?: VersionCondition): Promise<Account> {
    requireAdmin(actor);
    const update = parseInput(accountUpdateSchema, input);
    return this.#ctx.write(actor, async (tx) => {
      const account = await lockAccount(tx, actor.accountId);
      assertVersion(account.version, condition);
      const changes = accountChanges(account, update);
      const fields = Object.keys(changes) as (keyof typeof changes)[];
      if (fields.length === 0) return account;
      const values: Record<string, string | null> = { updated_at: tx.at };
      for (const field of fields) values[columns[field]] = changes[field] ?? null;
      const updated = await updateAccountRow(tx.trx, account.id, values);
      if (!updated) throw new SwitchboardError('not_found', 'No such account');
      tx.record({
        action: 'account.updated',
        target: { type: 'account', id: account.id },
        changedFields: fields,
        object: updated,
      });
      return updated;
    });
  }
}
