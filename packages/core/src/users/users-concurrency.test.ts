import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import type { Switchboard } from '../create-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';

describe.each(testDatabaseKinds)('users under concurrency on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const addAdmin = async (first: string, email: string) => {
    const user = await t.sb.users.add(admin, { ...person(first, 'Admin', email), isAdmin: true });
    return t.sb.identity.actorFor(user.id);
  };
  const admins = async () =>
    t.sb.db
      .selectFrom('users')
      .select('id')
      .where('account_id', '=', admin.accountId)
      .where('is_admin', '=', true)
      .execute();
  /** The Switchboard the second caller uses: this one, or another instance (connection pool). */
  const secondCaller = async (mode: string): Promise<Switchboard> =>
    mode === 'one instance' ? t.sb : t.another();

  it('lets exactly one of 20 concurrent adds of variants of one email win (U1)', async () => {
    const other = await t.another();
    const variants = [
      'zoé@acme.test',
      'ZOÉ@ACME.TEST',
      ' zoé@acme.test ',
      'zoé＠acme.test',
      'zoe\u0301@acme.test',
      'Zoé@Acme.Test',
      'ｚｏé@acme.test',
    ];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : t.sb).users.add(
          admin,
          person('Zoe', `Z${i}`, variants[i % variants.length] ?? ''),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(isSwitchboardError(r.reason, 'email_taken')).toBe(true);
    }
    const rows = await t.sb.db
      .selectFrom('users')
      .select('id')
      .where('first_name', '=', 'Zoe')
      .execute();
    expect(rows).toHaveLength(1);
    const tokens = await t.sb.db
      .selectFrom('user_tokens')
      .select('user_id')
      .where('user_id', '=', rows[0]?.id ?? '')
      .execute();
    expect(tokens).toHaveLength(1);
    expect(await t.sb.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(2);
  });

  for (const mode of ['one instance', 'two instances']) {
    it(`keeps one admin when the last two demote each other at once, ${mode} (U4)`, async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      const second = await secondCaller(mode);
      const results = await Promise.allSettled([
        t.sb.users.update(admin, grace.userId, { isAdmin: false }),
        second.users.update(grace, admin.userId, { isAdmin: false }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [refused] = results.filter((r) => r.status === 'rejected');
      // The loser either was demoted first (forbidden) or found itself the last admin.
      expect(
        isSwitchboardError(refused?.reason, 'forbidden') ||
          isSwitchboardError(refused?.reason, 'last_admin'),
      ).toBe(true);
      expect(await admins()).toHaveLength(1);
    });

    it(`keeps one admin when two admins delete each other at once, ${mode} (U4)`, async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      const second = await secondCaller(mode);
      const results = await Promise.allSettled([
        t.sb.users.delete(admin, grace.userId),
        second.users.delete(grace, admin.userId),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const left = await t.sb.db
        .selectFrom('users')
        .select('id')
        .where('account_id', '=', admin.accountId)
        .execute();
      expect(left).toHaveLength(1);
      expect(await admins()).toHaveLength(1);
    });
  }

  it('keeps one admin when three admins demote each other in a ring at once (U4)', async () => {
    const grace = await addAdmin('Grace', 'grace@acme.test');
    const alan = await addAdmin('Alan', 'alan@acme.test');
    const second = await t.another();
    const third = await t.another();
    await Promise.allSettled([
      t.sb.users.update(admin, grace.userId, { isAdmin: false }),
      second.users.update(grace, alan.userId, { isAdmin: false }),
      third.users.update(alan, admin.userId, { isAdmin: false }),
    ]);
    expect((await admins()).length).toBeGreaterThanOrEqual(1);
  });
});
