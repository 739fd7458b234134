import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';

describe.each(testDatabaseKinds)('account on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let member: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await t.sb.identity.actorFor(created.admin.id);
    member = { ...admin, userId: 'usr_member00000', isAdmin: false };
  });
  afterEach(async () => {
    await t.close();
  });

  describe('account.get (A1)', () => {
    it('lets any user of the account read it', async () => {
      expect(await t.sb.account.get(member)).toMatchObject({
        id: admin.accountId,
        companyName: 'Acme',
      });
    });
  });

  describe('account.update (A1)', () => {
    it('stores the details normalised: state upper-cased, phone as E.164', async () => {
      const updated = await t.sb.account.update(admin, {
        companyName: 'Acme Corp',
        address: ' 1 Main St ',
        city: 'Boston',
        state: 'ma',
        zip: '02110-1234',
        phoneNumber: '(617) 555-0100',
      });
      expect(updated).toMatchObject({
        companyName: 'Acme Corp',
        address: '1 Main St',
        city: 'Boston',
        state: 'MA',
        zip: '02110-1234',
        phoneNumber: '+16175550100',
      });
      expect(await t.sb.account.get(admin)).toEqual(updated);
    });

    it('rejects bad fields with one issue each and changes nothing', async () => {
      const before = await t.sb.account.get(admin);
      const error = await t.sb.account
        .update(admin, { city: 'Albany', state: 'XX', zip: '1234', phoneNumber: '555' })
        .catch((e: unknown) => e);
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
      const paths = (error as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
      expect(paths).toEqual(['phoneNumber', 'state', 'zip']);
      expect(await t.sb.account.get(admin)).toEqual(before);
    });

    it('refuses the demo flag: only the operator sets it (A2)', async () => {
      const error = await t.sb.account
        .update(admin, { demo: true } as never)
        .catch((e: unknown) => e);
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
      expect((await t.sb.account.get(admin)).demo).toBe(false);
    });

    it('is for admins only', async () => {
      const error = await t.sb.account.update(member, { city: 'Albany' }).catch((e: unknown) => e);
      expect(isSwitchboardError(error, 'forbidden')).toBe(true);
      expect((await t.sb.account.get(admin)).city).toBeNull();
    });

    it('clears a field with null', async () => {
      await t.sb.account.update(admin, { city: 'Boston' });
      expect((await t.sb.account.update(admin, { city: null })).city).toBeNull();
    });

    it('audits the names of changed fields only, never values (E1)', async () => {
      await t.sb.account.update(admin, { companyName: 'Acme', city: 'Boston', zip: '02110' });
      await t.sb.account.update(admin, { city: 'Boston' });
      const events = (await t.sb.audit.list(admin)).data.filter(
        (e) => e.action === 'account.updated',
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: { type: 'user', id: admin.userId },
        target: { type: 'account', id: admin.accountId },
      });
      expect(events[0]?.changedFields.sort()).toEqual(['city', 'zip']);
      expect(JSON.stringify(events)).not.toContain('Boston');
    });
  });
});
