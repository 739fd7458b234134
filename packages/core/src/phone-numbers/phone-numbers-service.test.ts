import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { ManualClock } from '../../test/support/manual-clock.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';
import { localTollFreePool } from './local-toll-free-pool.js';
import type { NumberProvisioner } from './number-provisioner.js';
import { isTollFreeNumber } from './toll-free-number.js';

describe.each(testDatabaseKinds)('phone numbers on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let member: Actor;
  let accountId: string;

  const setUp = async (options: Parameters<typeof createTestSwitchboard>[1] = {}) => {
    t = await createTestSwitchboard(kind, options);
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    accountId = created.account.id;
    admin = await t.sb.identity.actorFor(created.admin.id);
    const grace = await t.sb.users.add(admin, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    member = await t.sb.identity.actorFor(grace.id);
  };
  afterEach(async () => {
    await t.close();
  });

  describe('phoneNumbers.request (P3)', () => {
    beforeEach(() => setUp());

    it('provisions a toll-free number owned by the requesting admin, PCI as asked', async () => {
      const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free', pci: true });
      expect(isTollFreeNumber(number.number)).toBe(true);
      expect(number).toMatchObject({ ownerId: admin.userId, pci: true, applicationId: null });
      expect(number.id).toMatch(/^pn_/);
    });

    it('gives the number to another user of the account when asked, never to one of another account', async () => {
      expect(
        (await t.sb.phoneNumbers.request(admin, { type: 'toll_free', ownerId: member.userId }))
          .ownerId,
      ).toBe(member.userId);
      const globex = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: { firstName: 'Hank', lastName: 'Scorpio', email: 'hank@globex.test' },
      });
      const error = await failure(
        t.sb.phoneNumbers.request(admin, { type: 'toll_free', ownerId: globex.admin.id }),
      );
      expect(isSwitchboardError(error, 'not_found')).toBe(true);
    });

    it.each(['local', 'specific', 'vanity', 'resporg'] as const)(
      'points %s requests to support (contact_support)',
      async (type) => {
        const error = await failure(t.sb.phoneNumbers.request(admin, { type }));
        expect(isSwitchboardError(error, 'contact_support')).toBe(true);
        expect((error as Error).message).toMatch(/support/i);
        expect((await t.sb.phoneNumbers.list(admin)).data).toHaveLength(0);
      },
    );

    it('is for admins only', async () => {
      expect(
        isSwitchboardError(
          await failure(t.sb.phoneNumbers.request(member, { type: 'toll_free' })),
          'forbidden',
        ),
      ).toBe(true);
    });
  });

  describe('demo accounts (P4)', () => {
    beforeEach(async () => {
      await setUp();
      await t.sb.operator.setDemo(operatorActor(), accountId, { demo: true });
    });

    it('hold one number: of 10 concurrent requests exactly one succeeds', async () => {
      const other = await t.another();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : t.sb).phoneNumbers.request(admin, { type: 'toll_free' }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected')
          expect(isSwitchboardError(r.reason, 'demo_number_limit')).toBe(true);
      expect((await t.sb.phoneNumbers.list(admin)).data).toHaveLength(1);
    });

    it('can request again after releasing the number', async () => {
      const first = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      expect(
        isSwitchboardError(
          await failure(t.sb.phoneNumbers.request(admin, { type: 'toll_free' })),
          'demo_number_limit',
        ),
      ).toBe(true);
      await t.sb.phoneNumbers.release(admin, first.id);
      const second = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      expect(second.id).not.toBe(first.id);
    });
  });

  describe('visibility and edits (P1, P2, P5)', () => {
    let mine: string;
    let theirs: string;
    beforeEach(async () => {
      await setUp();
      mine = (await t.sb.phoneNumbers.request(admin, { type: 'toll_free' })).id;
      theirs = (
        await t.sb.phoneNumbers.request(admin, { type: 'toll_free', ownerId: member.userId })
      ).id;
    });

    it('shows admins every number and members only their own', async () => {
      expect((await t.sb.phoneNumbers.list(admin)).data.map((n) => n.id).sort()).toEqual(
        [mine, theirs].sort(),
      );
      expect((await t.sb.phoneNumbers.list(member)).data.map((n) => n.id)).toEqual([theirs]);
    });

    it('pages by number with a cursor', async () => {
      for (let i = 0; i < 5; i++) await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      const first = await t.sb.phoneNumbers.list(admin, { limit: 4 });
      const second = await t.sb.phoneNumbers.list(admin, {
        limit: 4,
        cursor: first.nextCursor ?? '',
      });
      const numbers = [...first.data, ...second.data].map((n) => n.number);
      expect(numbers).toHaveLength(7);
      expect(numbers).toEqual([...numbers].sort());
      expect(second.nextCursor).toBeNull();
    });

    it('lets an admin change the owner to a user of the account (P2)', async () => {
      expect(
        (await t.sb.phoneNumbers.update(admin, mine, { ownerId: member.userId })).ownerId,
      ).toBe(member.userId);
      const globex = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: { firstName: 'Hank', lastName: 'Scorpio', email: 'hank@globex.test' },
      });
      expect(
        isSwitchboardError(
          await failure(t.sb.phoneNumbers.update(admin, mine, { ownerId: globex.admin.id })),
          'not_found',
        ),
      ).toBe(true);
    });

    it('lets the owner set the application but not the owner; other numbers are not found (P5)', async () => {
      expect(
        (await t.sb.phoneNumbers.update(member, theirs, { applicationId: 'ivr-main' }))
          .applicationId,
      ).toBe('ivr-main');
      expect(
        (await t.sb.phoneNumbers.update(member, theirs, { applicationId: null })).applicationId,
      ).toBeNull();
      expect(
        isSwitchboardError(
          await failure(t.sb.phoneNumbers.update(member, theirs, { ownerId: admin.userId })),
          'forbidden',
        ),
      ).toBe(true);
      expect(
        isSwitchboardError(
          await failure(t.sb.phoneNumbers.update(member, mine, { applicationId: 'x' })),
          'not_found',
        ),
      ).toBe(true);
    });

    it('lets only admins release, and a released number leaves the account (P5)', async () => {
      expect(
        isSwitchboardError(await failure(t.sb.phoneNumbers.release(member, theirs)), 'forbidden'),
      ).toBe(true);
      await t.sb.phoneNumbers.release(admin, theirs);
      expect((await t.sb.phoneNumbers.list(admin)).data.map((n) => n.id)).toEqual([mine]);
      expect(
        isSwitchboardError(await failure(t.sb.phoneNumbers.release(admin, theirs)), 'not_found'),
      ).toBe(true);
    });

    it('hands a deleted user’s numbers to reassignTo, or to the acting admin (U5)', async () => {
      const alan = await t.sb.users.add(admin, {
        firstName: 'Alan',
        lastName: 'Turing',
        email: 'alan@acme.test',
      });
      await t.sb.users.delete(admin, member.userId, { reassignTo: alan.id });
      expect((await t.sb.phoneNumbers.list(admin)).data.find((n) => n.id === theirs)?.ownerId).toBe(
        alan.id,
      );
      await t.sb.users.delete(admin, alan.id);
      expect((await t.sb.phoneNumbers.list(admin)).data.find((n) => n.id === theirs)?.ownerId).toBe(
        admin.userId,
      );
    });

    it('audits requests, owner changes and releases (E1)', async () => {
      await t.sb.phoneNumbers.update(admin, mine, { ownerId: member.userId });
      await t.sb.phoneNumbers.release(admin, mine);
      const actions = (await t.sb.audit.list(admin)).data.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'phone_number.requested',
          'phone_number.updated',
          'phone_number.released',
        ]),
      );
    });
  });

  describe('concurrent changes (P5, U5)', () => {
    it('of 10 concurrent releases of one number from two instances exactly one wins: one carrier release, one event', async () => {
      const released: string[] = [];
      let held = 0;
      const provisioner: NumberProvisioner = {
        provision: async () => ({ number: `+1800555${String(1000 + held++)}`, providerRef: null }),
        release: async ({ number }) => {
          released.push(number);
          // The carrier takes a while: the others must wait for the winner, not overtake it.
          await new Promise((resolve) => setImmediate(resolve));
        },
      };
      await setUp({ numberProvisioner: provisioner });
      const other = await t.another({ numberProvisioner: provisioner });
      const { id, number } = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? t.sb : other).phoneNumbers.release(admin, id),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected')
          expect(isSwitchboardError(result.reason, 'not_found')).toBe(true);
      }
      expect(released).toEqual([number]);
      const events = (await t.sb.audit.list(admin)).data.filter(
        (e) => e.action === 'phone_number.released',
      );
      expect(events).toHaveLength(1);
    });

    it('deleting users while their numbers change hands and their heirs are deleted answers only not_found or a conflict, and every number keeps an owner', async () => {
      await setUp();
      // Two instances share PostgreSQL; on SQLite one process is one writer.
      const other = kind.name === 'postgres' ? await t.another() : t.sb;
      const people = await Promise.all(
        ['Alan', 'Barbara', 'Claude', 'Dennis', 'Edsger', 'Frances'].map((name) =>
          t.sb.users.add(admin, { firstName: name, lastName: 'Test', email: `${name}@acme.test` }),
        ),
      );
      const numbers = await Promise.all(
        people.map((p) => t.sb.phoneNumbers.request(admin, { type: 'toll_free', ownerId: p.id })),
      );
      const ids = people.map((p) => p.id);
      const work = ids.flatMap((id, i) => {
        const heir = ids[(i + 1) % ids.length] ?? id;
        const sb = i % 2 === 0 ? t.sb : other;
        return [
          sb.users.delete(admin, id, { reassignTo: heir }),
          sb.phoneNumbers.update(admin, numbers[(i + 2) % numbers.length]?.id ?? '', {
            ownerId: id,
          }),
        ];
      });
      const results = await Promise.allSettled(work);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(isSwitchboardError(result.reason), String(result.reason)).toBe(true);
          expect(['not_found', 'conflict']).toContain((result.reason as { kind: string }).kind);
        }
      }
      const owners = new Set(
        (await t.sb.db.selectFrom('users').select('id').execute()).map((u) => u.id),
      );
      for (const n of (await t.sb.phoneNumbers.list(admin)).data)
        expect(owners.has(n.ownerId)).toBe(true);
    });
  });

  describe('purchases interrupted by a crash (P3, P4)', () => {
    /** A carrier that keeps what it sold by reference, and a request that never comes back. */
    const crashingCarrier = () => {
      const sold = new Map<string, { number: string; providerRef: string }>();
      const released: string[] = [];
      let next = 100;
      const provisioner: NumberProvisioner = {
        // Buys, then the process "dies": the answer never reaches Switchboard.
        provision: async ({ reference }) => {
          sold.set(reference, {
            number: `+1888555${String(next++).padStart(4, '0')}`,
            providerRef: `PN${next}`,
          });
          return new Promise<never>(() => {});
        },
        release: async ({ number }) => void released.push(number),
        findProvisioned: async (reference) => sold.get(reference) ?? null,
      };
      return { provisioner, sold, released };
    };

    it('finishes a purchase the carrier completed: the demo account holds that number, and only it', async () => {
      const clock = new ManualClock();
      const carrier = crashingCarrier();
      await setUp({ numberProvisioner: carrier.provisioner, clock });
      await t.sb.operator.setDemo(operatorActor(), accountId, { demo: true });
      void t.sb.phoneNumbers.request(admin, { type: 'toll_free' }); // the "crashed" request
      await expect.poll(() => carrier.sold.size).toBe(1);
      const restarted = await t.another({ numberProvisioner: carrier.provisioner, clock });
      expect(await restarted.phoneNumbers.reconcilePlaceholders()).toEqual({
        finished: 0,
        forgotten: 0,
      });
      clock.advance(6 * 60 * 1000);
      expect(await restarted.phoneNumbers.reconcilePlaceholders()).toEqual({
        finished: 1,
        forgotten: 0,
      });
      const [bought] = [...carrier.sold.values()];
      expect((await restarted.phoneNumbers.list(admin)).data.map((n) => n.number)).toEqual([
        bought?.number,
      ]);
      expect(
        isSwitchboardError(
          await failure(restarted.phoneNumbers.request(admin, { type: 'toll_free' })),
          'demo_number_limit',
        ),
      ).toBe(true);
    });

    it('forgets a purchase that never happened, so the demo account can get its number', async () => {
      const clock = new ManualClock();
      let calls = 0;
      const provisioner: NumberProvisioner = {
        provision: async () => {
          calls++;
          if (calls === 1) return new Promise<never>(() => {}); // dies before buying
          return { number: '+18885550123', providerRef: null };
        },
        release: async () => {},
        findProvisioned: async () => null,
      };
      await setUp({ numberProvisioner: provisioner, clock });
      await t.sb.operator.setDemo(operatorActor(), accountId, { demo: true });
      void t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      await expect.poll(() => calls).toBe(1);
      const restarted = await t.another({ numberProvisioner: provisioner, clock });
      // Within the grace period the purchase may still be running: the slot is taken.
      expect(
        isSwitchboardError(
          await failure(restarted.phoneNumbers.request(admin, { type: 'toll_free' })),
          'demo_number_limit',
        ),
      ).toBe(true);
      clock.advance(6 * 60 * 1000);
      // request() reconciles the demo account's stale placeholder itself.
      expect((await restarted.phoneNumbers.request(admin, { type: 'toll_free' })).number).toBe(
        '+18885550123',
      );
    });
  });

  describe('the write order with the carrier', () => {
    it('records nothing when the carrier does not confirm a number', async () => {
      const provisioner: NumberProvisioner = {
        provision: async () => {
          throw new Error('carrier timeout');
        },
        release: async () => {},
      };
      await setUp({ numberProvisioner: provisioner });
      await t.sb.operator.setDemo(operatorActor(), accountId, { demo: true });
      expect(
        isSwitchboardError(
          await failure(t.sb.phoneNumbers.request(admin, { type: 'toll_free' })),
          'unavailable',
        ),
      ).toBe(true);
      expect(await t.sb.db.selectFrom('phone_numbers').select('id').execute()).toHaveLength(0);
    });

    it('releases a confirmed number it could not record, and takes another', async () => {
      const released: string[] = [];
      const numbers = ['+18005550100', '+18005550100', '+18445550111'];
      const provisioner: NumberProvisioner = {
        provision: async () => ({ number: numbers.shift() ?? '', providerRef: null }),
        release: async ({ number }) => void released.push(number),
      };
      await setUp({ numberProvisioner: provisioner });
      await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      // The carrier hands out a number we already hold (our write fails on the unique index).
      const second = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
      expect(second.number).toBe('+18445550111');
      expect(released).toEqual(['+18005550100']);
    });
  });

  describe('localTollFreePool (P3)', () => {
    it('never hands out a held number, and hands a released one out again only after quarantine', async () => {
      const clock = new ManualClock();
      // A pool that always picks the same number first, then a second one.
      let calls = 0;
      const pick = [0, 0, 0, 1, 1, 1];
      const random = () => pick[calls++ % pick.length] ?? 0;
      await setUp({ clock });
      const pool = localTollFreePool({ db: t.sb.db, clock }, { quarantineDays: 30, random });
      const first = await pool.provision({
        type: 'toll_free',
        pci: false,
        accountId,
        reference: 'pn_test',
      });
      await t.sb.db
        .insertInto('phone_numbers')
        .values({
          id: 'pn_held00000000',
          account_id: accountId,
          number: first.number,
          owner_id: admin.userId,
          pci: false,
          application_id: null,
          status: 'active',
          provider_ref: null,
          created_at: clock.now().toISOString(),
          updated_at: clock.now().toISOString(),
        })
        .execute();
      calls = 0;
      expect(
        (await pool.provision({ type: 'toll_free', pci: false, accountId, reference: 'pn_test' }))
          .number,
      ).not.toBe(first.number);
      await t.sb.db.deleteFrom('phone_numbers').execute();
      await pool.release(first);
      calls = 0;
      expect(
        (await pool.provision({ type: 'toll_free', pci: false, accountId, reference: 'pn_test' }))
          .number,
      ).not.toBe(first.number);
      clock.advance(31 * 24 * 3600 * 1000);
      calls = 0;
      expect(
        (await pool.provision({ type: 'toll_free', pci: false, accountId, reference: 'pn_test' }))
          .number,
      ).toBe(first.number);
    });
  });
});
