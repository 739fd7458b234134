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
import { findAccount } from '../account/account-repository.js';
import { recordActorAudit } from '../audit/audit-repository.js';
import type { Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { parseInput } from '../errors/parse-input.js';
import { isSwitchboardError, SwitchboardError } from '../errors/switchboard-error.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { decodeKeysetCursor, keysetPage } from '../shared/keyset-cursor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { findUserRow } from '../users/user-repository.js';
import type { NumberProvisioner, ProvisionedNumber } from './number-provisioner.js';
import {
  countAccountNumbers,
  findAccountNumber,
  numberIndex,
  setNumberOwner,
  toPhoneNumber,
} from './phone-number-repository.js';

/** Where `contact_support` points people for numbers that are not self-service. */
export const supportPointer =
  'Contact support to get a local, specific or vanity number, or to change a RESPORG.';

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
    const rows = await this.#ctx.db
      .selectFrom('phone_numbers')
      .selectAll()
      .where('account_id', '=', actor.accountId)
      .where('status', '=', 'active')
      .$if(!actor.isAdmin, (q) => q.where('owner_id', '=', actor.userId))
      .$if(after !== null, (q) =>
        q.where((eb) =>
          eb(eb.refTuple('number', 'id'), '>', eb.tuple(after?.[0] ?? '', after?.[1] ?? '')),
        ),
      )
      .orderBy('number')
      .orderBy('id')
      .limit(limit + 1)
      .execute();
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
   */
  async request(actor: Actor, input: PhoneNumberRequest): Promise<PhoneNumber> {
    requireAdmin(actor);
    const { type, pci, ownerId } = parseInput(phoneNumberRequestSchema, input);
    if (type !== 'toll_free') throw new SwitchboardError('contact_support', supportPointer);
    const { db, dialect, clock } = this.#ctx;
    const owner = ownerId ?? actor.userId;
    const id = newId('pn');

    await db.transaction().execute(async (trx) => {
      const account = await findAccount(trx, actor.accountId, {
        forUpdate: dialect === 'postgres',
      });
      if (!account) throw new SwitchboardError('not_found', 'No such account');
      await this.#userInAccount(trx, actor, owner, 'ownerId');
      if (account.demo && (await countAccountNumbers(trx, actor.accountId)) >= 1) {
        throw new SwitchboardError('demo_number_limit', 'Demo accounts can hold one phone number');
      }
      const at = clock.now().toISOString();
      await trx
        .insertInto('phone_numbers')
        .values({
          id,
          account_id: actor.accountId,
          number: null,
          owner_id: owner,
          pci,
          application_id: null,
          status: 'provisioning',
          provider_ref: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    });

    for (let attempt = 1; ; attempt++) {
      let provisioned: ProvisionedNumber;
      try {
        provisioned = await this.#provisioner.provision({ type, pci, accountId: actor.accountId });
      } catch (error) {
        await db.deleteFrom('phone_numbers').where('id', '=', id).execute();
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
        return await this.#recordProvisioned(actor, id, provisioned);
      } catch (error) {
        await this.#giveBack(provisioned, error);
        if (isUniqueViolation(error, numberIndex) && attempt < 3) continue;
        await db.deleteFrom('phone_numbers').where('id', '=', id).execute();
        throw error;
      }
    }
  }

  /**
   * Changes a number's owner (admins; P2 — any user of the account, else `not_found`) or
   * the application deployed on it (the owner or an admin; P5). A number a member does not
   * own is `not_found` to them.
   */
  async update(actor: Actor, id: string, input: PhoneNumberUpdate): Promise<PhoneNumber> {
    const edit = parseInput(phoneNumberUpdateSchema, input);
    const { db, clock } = this.#ctx;
    return db.transaction().execute(async (trx) => {
      const row = await findAccountNumber(trx, actor.accountId, id);
      if (!row || (!actor.isAdmin && row.owner_id !== actor.userId)) {
        throw new SwitchboardError('not_found', 'No such phone number');
      }
      if (edit.ownerId !== undefined) {
        requireAdmin(actor);
        await this.#userInAccount(trx, actor, edit.ownerId, 'ownerId');
      }
      const changed = [
        ...(edit.ownerId !== undefined && edit.ownerId !== row.owner_id ? ['ownerId'] : []),
        ...(edit.applicationId !== undefined && edit.applicationId !== row.application_id
          ? ['applicationId']
          : []),
      ];
      if (changed.length === 0) return toPhoneNumber(row);
      const at = clock.now().toISOString();
      const updated =
        edit.ownerId !== undefined && edit.applicationId === undefined
          ? await setNumberOwner(trx, id, edit.ownerId, at) // the common case, compiled once
          : await trx
              .updateTable('phone_numbers')
              .set({
                ...(edit.ownerId !== undefined ? { owner_id: edit.ownerId } : {}),
                ...(edit.applicationId !== undefined ? { application_id: edit.applicationId } : {}),
                updated_at: at,
              })
              .where('id', '=', id)
              .returningAll()
              .executeTakeFirstOrThrow();
      if (!updated) throw new Error('The phone number was not updated');
      await recordActorAudit(trx, actor, {
        action: 'phone_number.updated',
        target: { type: 'phone_number', id },
        changedFields: changed,
        at,
      });
      return toPhoneNumber(updated);
    });
  }

  /**
   * Releases a number through the carrier and removes it from the account (admins; P5).
   * The carrier is asked first: if it refuses, the number stays.
   */
  async release(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    const { db, clock } = this.#ctx;
    const row = await findAccountNumber(db, actor.accountId, id);
    if (!row?.number) throw new SwitchboardError('not_found', 'No such phone number');
    try {
      await this.#provisioner.release({ number: row.number, providerRef: row.provider_ref });
    } catch (error) {
      if (isSwitchboardError(error)) throw error;
      throw new SwitchboardError(
        'unavailable',
        'The carrier could not release the number; try again later',
        {
          cause: error,
        },
      );
    }
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('phone_numbers').where('id', '=', id).execute();
      await recordActorAudit(trx, actor, {
        action: 'phone_number.released',
        target: { type: 'phone_number', id },
        changedFields: [],
        at: clock.now().toISOString(),
      });
    });
  }

  async #recordProvisioned(
    actor: Actor,
    id: string,
    provisioned: ProvisionedNumber,
  ): Promise<PhoneNumber> {
    const at = this.#ctx.clock.now().toISOString();
    return this.#ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('phone_numbers')
        .set({
          number: provisioned.number,
          provider_ref: provisioned.providerRef,
          status: 'active',
          updated_at: at,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordActorAudit(trx, actor, {
        action: 'phone_number.requested',
        target: { type: 'phone_number', id },
        changedFields: ['number', 'ownerId', 'pci'],
        at,
      });
      return toPhoneNumber(row);
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
    if (!user || user.account_id !== actor.accountId) {
      throw new SwitchboardError('not_found', 'No such user in this account', {
        issues: [{ path, message: 'Not a user of this account' }],
      });
    }
  }
}
