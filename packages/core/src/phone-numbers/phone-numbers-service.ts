import {
  type PhoneNumber,
  type PhoneNumberListQuery,
  type PhoneNumberPage,
  type PhoneNumberRequest,
  type PhoneNumberUpdate,
  phoneNumberListQuerySchema,
  phoneNumberRequestSchema,
  phoneNumberUpdateSchema,
} from '@switchboard/contract';
import { findAccount, lockAccount } from '../account/index.js';
import type { Executor } from '../db/database.js';
import { isForeignKeyViolation } from '../db/foreign-key-violation.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { parseInput } from '../errors/parse-input.js';
import { isSwitchboardError, SwitchboardError } from '../errors/switchboard-error.js';
import { derivedId } from '../idempotency/index.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { decodeKeysetCursor, keysetPage } from '../shared/keyset-cursor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import type { ChangeActor, SystemActor, WriteTx } from '../shared/write-pipeline.js';
import { findUserRow, lockUserRow } from '../users/index.js';
import type { NumberProvisioner, ProvisionedNumber } from './number-provisioner.js';
import {
  claimNumberRelease,
  claimPlaceholder,
  countAccountNumbers,
  deleteNumberRow,
  findAccountNumber,
  findNumbersPage,
  findPlaceholder,
  findStalePlaceholders,
  insertPlaceholder,
  lockAccountNumber,
  numberIndex,
  setNumberOwner,
  toPhoneNumber,
  updateNumberRow,
} from './phone-number-repository.js';

/** Where `contact_support` points people for numbers that are not self-service. */
export const supportPointer =
  'Contact support to get a local, specific or vanity number, or to change a RESPORG.';

/** A placeholder untouched this long belongs to a purchase that was interrupted. */
const placeholderGraceMs = 5 * 60 * 1000;

const system: SystemActor = { type: 'system' };

const noSuchUser = (path: string) =>
  new SwitchboardError('not_found', 'No such user in this account', {
    issues: [{ path, message: 'Not a user of this account' }],
  });

/** The account's phone numbers (P1–P5). */
export class PhoneNumbersService {
  readonly #ctx: ServiceContext;
  readonly #provisioner: NumberProvisioner;

  constructor(ctx: ServiceContext, provisioner: NumberProvisioner) {
    this.#ctx = ctx;
    this.#provisioner = provisioner;
  }

  /** Admins see every number of the account; other users the numbers they own (P1). Ordered by number. */
  async list(actor: Actor, query: PhoneNumberListQuery = {}): Promise<PhoneNumberPage> {
    const { limit, cursor } = parseInput(phoneNumberListQuerySchema, query);
    const after = cursor ? decodeKeysetCursor(cursor, 2) : null;
    const rows = await findNumbersPage(this.#ctx.db, {
      accountId: actor.accountId,
      ownerId: actor.isAdmin ? null : actor.userId,
      after,
      limit: limit + 1,
    });
    return keysetPage(rows, limit, toPhoneNumber, (row) => [row.number ?? '', row.id]);
  }

  /**
   * Requests a toll-free number (admins; P3), optionally PCI-enabled, owned by `ownerId` or
   * the requesting admin. Other kinds answer `contact_support`. A demo account holds at
   * most one number, even under concurrent requests (P4).
   *
   * Write order: a placeholder row is committed first (it takes the demo slot), then the
   * carrier is asked, then the row gets its number. A carrier failure removes the
   * placeholder; a number the carrier confirmed but we could not record is released again,
   * and if even that fails it is logged with the carrier's reference, never silently lost.
   *
   * A request sent with an idempotency key (C2) buys at most one number for the key, even
   * across a crash or a carrier that failed after buying: the placeholder's id (the
   * carrier's reference) is derived from the key, so a run of the key finds the number a
   * former run bought (`findProvisioned`) before asking for another, or the number a former
   * run (or the reconciliation of its placeholder) recorded.
   */
  async request(actor: Actor, input: PhoneNumberRequest): Promise<PhoneNumber> {
    requireAdmin(actor);
    const { type, pci, ownerId } = parseInput(phoneNumberRequestSchema, input);
    if (type !== 'toll_free') throw new SwitchboardError('contact_support', supportPointer);
    const { db } = this.#ctx;
    const owner = ownerId ?? actor.userId;
    const keyed = actor.request?.idempotency;
    const id = keyed ? derivedId('pn', keyed) : newId('pn');
    if (keyed) {
      const recorded = await findAccountNumber(db, actor.accountId, id);
      if (recorded) return toPhoneNumber(recorded);
    }

    if (await this.#isDemoAccount(actor.accountId)) {
      // A purchase a crash interrupted must not hold the demo account's one slot (P4).
      await this.reconcilePlaceholders({ accountId: actor.accountId });
    }
    const placeholder = async (tx: WriteTx) => {
      const account = await lockAccount(tx, actor.accountId);
      // A keyed request run again finds the placeholder of its former run, and takes it up.
      if (keyed && (await findPlaceholder(tx.trx, actor.accountId, id))) return;
      await this.#userInAccount(tx.trx, actor, owner, 'ownerId');
      if (account.demo && (await countAccountNumbers(tx.trx, actor.accountId)) >= 1) {
        throw new SwitchboardError('demo_number_limit', 'Demo accounts can hold one phone number');
      }
      await insertPlaceholder(tx.trx, {
        id,
        accountId: actor.accountId,
        ownerId: owner,
        pci,
        at: tx.at,
      });
    };
    await this.#ctx.write(actor, placeholder, { answersRequest: false });

    for (let attempt = 1; ; attempt++) {
      let provisioned: ProvisionedNumber;
      try {
        const bought = keyed ? await this.#provisioner.findProvisioned?.(id) : null;
        provisioned =
          bought ??
          (await this.#provisioner.provision({
            type,
            pci,
            accountId: actor.accountId,
            reference: id,
          }));
      } catch (error) {
        await deleteNumberRow(db, id);
        if (isSwitchboardError(error)) throw error;
        throw new SwitchboardError(
          'unavailable',
          'The carrier could not provide a number; try again later',
          {
            cause: error,
          },
        );
      }
      try {
        return await this.#recordProvisioned(actor, actor.accountId, id, provisioned);
      } catch (error) {
        await this.#giveBack(provisioned, error);
        if (isUniqueViolation(error, numberIndex) && attempt < 3) continue;
        await deleteNumberRow(db, id);
        throw error;
      }
    }
  }

  /**
   * Changes a number's owner (admins; P2 — any user of the account, else `not_found`) or
   * the application deployed on it (the owner or an admin; P5). A number a member does not
   * own is `not_found` to them.
   */
  async update(
    actor: Actor,
    id: string,
    input: PhoneNumberUpdate,
    condition?: VersionCondition,
  ): Promise<PhoneNumber> {
    const edit = parseInput(phoneNumberUpdateSchema, input);
    return this.#ctx.write(actor, async (tx) => {
      const { trx, at } = tx;
      if (edit.ownerId !== undefined) {
        requireAdmin(actor);
        // The new owner is locked (key share) before the number, in the order a deletion of
        // that user takes them (user, then their numbers: U5), so the two cannot deadlock.
        const owner = await lockUserRow(tx, edit.ownerId, 'key share');
        if (!owner || owner.account_id !== actor.accountId) throw noSuchUser('ownerId');
      }
      const row = await lockAccountNumber(tx, actor.accountId, id);
      if (!row || (!actor.isAdmin && row.owner_id !== actor.userId)) {
        throw new SwitchboardError('not_found', 'No such phone number');
      }
      assertVersion(row.version, condition);
      const changed = [
        ...(edit.ownerId !== undefined && edit.ownerId !== row.owner_id ? ['ownerId'] : []),
        ...(edit.applicationId !== undefined && edit.applicationId !== row.application_id
          ? ['applicationId']
          : []),
      ];
      if (changed.length === 0) return toPhoneNumber(row);
      const updated = await (edit.ownerId !== undefined && edit.applicationId === undefined
        ? setNumberOwner(trx, id, edit.ownerId, at) // the common case, compiled once
        : updateNumberRow(trx, id, {
            ...(edit.ownerId !== undefined ? { owner_id: edit.ownerId } : {}),
            ...(edit.applicationId !== undefined ? { application_id: edit.applicationId } : {}),
            updated_at: at,
          })
      ).catch((error: unknown) => {
        // The new owner was deleted by a change that committed after we read them.
        if (isForeignKeyViolation(error)) throw noSuchUser('ownerId');
        throw error;
      });
      if (!updated) throw new SwitchboardError('not_found', 'No such phone number');
      const number = toPhoneNumber(updated);
      tx.record({
        action: 'phone_number.updated',
        target: { type: 'phone_number', id },
        changedFields: changed,
        object: number,
      });
      return number;
    });
  }

  /**
   * Releases a number through the carrier and removes it from the account (admins; P5).
   * The release first claims the number, so of concurrent releases exactly one asks the
   * carrier and removes it (the others find no number); if the carrier refuses, the claim is
   * dropped and the number stays.
   */
  async release(actor: Actor, id: string, condition?: VersionCondition): Promise<void> {
    requireAdmin(actor);
    const claimed = await this.#ctx.write(actor, async (tx) => {
      if (typeof condition?.ifVersion === 'number') {
        const row = await lockAccountNumber(tx, actor.accountId, id);
        if (row) assertVersion(row.version, condition);
      }
      return claimNumberRelease(tx.trx, actor.accountId, id, tx.now);
    });
    if (!claimed?.number) throw new SwitchboardError('not_found', 'No such phone number');
    try {
      await this.#provisioner.release({
        number: claimed.number,
        providerRef: claimed.provider_ref,
      });
    } catch (error) {
      await this.#ctx.write(actor, (tx) => updateNumberRow(tx.trx, id, { releasing_at: null }));
      if (isSwitchboardError(error)) throw error;
      throw new SwitchboardError(
        'unavailable',
        'The carrier could not release the number; try again later',
        { cause: error },
      );
    }
    await this.#ctx.write(actor, async (tx) => {
      await deleteNumberRow(tx.trx, id);
      tx.record({
        action: 'phone_number.released',
        target: { type: 'phone_number', id },
        changedFields: [],
      });
    });
  }

  /**
   * Finishes or forgets the purchases a crash interrupted: placeholders untouched for five
   * minutes. The provisioner says whether the purchase happened (`findProvisioned`): if so
   * the number is recorded as the account's, else the placeholder goes. Safe to run on
   * several instances at once (each placeholder is claimed by one). The reference server
   * runs it at start-up and every few minutes; `request` runs it for a demo account first.
   *
   * @example const { finished, forgotten } = await sb.phoneNumbers.reconcilePlaceholders();
   */
  async reconcilePlaceholders(
    options: { accountId?: string } = {},
  ): Promise<{ finished: number; forgotten: number }> {
    const { db, clock, logger } = this.#ctx;
    const now = clock.now();
    const before = new Date(now.getTime() - placeholderGraceMs).toISOString();
    let finished = 0;
    let forgotten = 0;
    for (const row of await findStalePlaceholders(db, before, options.accountId)) {
      if (!(await claimPlaceholder(db, row, now.toISOString()))) continue;
      const find = this.#provisioner.findProvisioned?.bind(this.#provisioner);
      let provisioned: ProvisionedNumber | null = null;
      try {
        provisioned = find ? await find(row.id) : null;
      } catch (error) {
        logger.error('phone numbers: could not ask the carrier about an interrupted purchase', {
          id: row.id,
          error: String(error),
        });
        continue; // claimed: tried again after the grace period
      }
      if (!provisioned) {
        if (!find)
          logger.warn(
            'phone numbers: forgetting an interrupted purchase the carrier cannot be asked about',
            { id: row.id },
          );
        await deleteNumberRow(db, row.id);
        forgotten++;
        continue;
      }
      try {
        await this.#recordProvisioned(system, row.account_id, row.id, provisioned);
        finished++;
      } catch (error) {
        await this.#giveBack(provisioned, error);
        await deleteNumberRow(db, row.id);
        forgotten++;
      }
    }
    return { finished, forgotten };
  }

  async #isDemoAccount(accountId: string): Promise<boolean> {
    return (await findAccount(this.#ctx.db, accountId))?.demo === true;
  }

  async #recordProvisioned(
    actor: ChangeActor,
    accountId: string,
    id: string,
    provisioned: ProvisionedNumber,
  ): Promise<PhoneNumber> {
    return this.#ctx.write(actor, async (tx) => {
      const row = await updateNumberRow(tx.trx, id, {
        number: provisioned.number,
        provider_ref: provisioned.providerRef,
        status: 'active',
        updated_at: tx.at,
      });
      if (!row) throw new Error('The placeholder of a number being acquired is gone');
      const number = toPhoneNumber(row);
      tx.record({
        accountId,
        action: 'phone_number.requested',
        target: { type: 'phone_number', id },
        changedFields: ['number', 'ownerId', 'pci'],
        object: number,
      });
      return number;
    });
  }

  /** Releases a number we could not record; logs it (never its secrets) if even that fails. */
  async #giveBack(provisioned: ProvisionedNumber, cause: unknown): Promise<void> {
    try {
      await this.#provisioner.release(provisioned);
    } catch (error) {
      this.#ctx.logger.error(
        'phone numbers: a provisioned number could not be recorded nor released',
        {
          number: provisioned.number,
          providerRef: provisioned.providerRef,
          cause: String(cause),
          error: String(error),
        },
      );
    }
  }

  async #userInAccount(db: Executor, actor: Actor, userId: string, path: string): Promise<void> {
    const user = await findUserRow(db, userId);
    if (!user || user.account_id !== actor.accountId) throw noSuchUser(path);
  }
}
