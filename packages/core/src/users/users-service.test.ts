import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';

const person = (first: string, last: string, email: string) => ({
  firstName: first,
  lastName: last,
  email,
});

describe.each(testDatabaseKinds)('users on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    const created = await t.sb.operator.createAccount({
      companyName: 'Acme',
      admin: person('Ada', 'Lovelace', 'ada@acme.test'),
    });
    admin = await t.sb.identity.actorFor(created.admin.id);
    await t.sb.mail.idle();
    t.sent.length = 0;
  });
  afterEach(async () => {
    await t.close();
  });

  const addAdmin = async (first: string, email: string) => {
    const user = await t.sb.users.add(admin, { ...person(first, 'Admin', email), isAdmin: true });
    return t.sb.identity.actorFor(user.id);
  };

  describe('users.add (U1, U2)', () => {
    it('adds a pending user with default permissions and emails an activation link', async () => {
      const user = await t.sb.users.add(admin, person(' Grace ', 'Hopper', 'Grace@Navy.test'));
      expect(user).toMatchObject({
        firstName: 'Grace',
        email: 'Grace@Navy.test',
        isAdmin: false,
        permissions: { canCreate: false, canShare: false },
        twoFactorEnabled: false,
        status: 'pending',
      });
      await t.sb.mail.idle();
      expect(t.sent).toHaveLength(1);
      expect(t.sent[0]).toMatchObject({
        to: 'Grace@Navy.test',
        from: 'hello@switchboard.test',
        subject: 'Activate your Acme account',
      });
      expect(t.sent[0]?.text).toMatch(/https:\/\/admin\.example\.test\/activate\?token=[\w-]{43}/);
    });

    it('rejects an email that differs only in case, spaces, width or accent form (U1)', async () => {
      await t.sb.users.add(admin, person('Rémy', 'One', 'rémy@acme.test'));
      for (const email of [
        'RÉMY@ACME.TEST',
        ' rémy@acme.test ',
        'rémy＠acme.test',
        're\u0301my@acme.test',
      ]) {
        expect(
          isSwitchboardError(
            await failure(t.sb.users.add(admin, person('R', 'Two', email))),
            'email_taken',
          ),
        ).toBe(true);
      }
    });

    it('rejects an email used in another account (U1)', async () => {
      await t.sb.operator.createAccount({
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      expect(
        isSwitchboardError(
          await failure(t.sb.users.add(admin, person('H', 'S', 'HANK@globex.test'))),
          'email_taken',
        ),
      ).toBe(true);
    });

    it('lets exactly one of 20 concurrent adds of variants of one email win (U1)', async () => {
      const other = await t.another();
      const variants = [
        'zoe@acme.test',
        'ZOE@acme.test',
        ' zoe@acme.test',
        'zoe＠acme.test',
        'Zoe@Acme.Test',
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
      for (const r of results)
        if (r.status === 'rejected') expect(isSwitchboardError(r.reason, 'email_taken')).toBe(true);
      const rows = await t.sb.db
        .selectFrom('users')
        .select('id')
        .where('first_name', '=', 'Zoe')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('validates names and email, trimming and limiting to 100 characters (U2)', async () => {
      const error = await failure(
        t.sb.users.add(admin, { firstName: ' ', lastName: 'x'.repeat(101), email: 'nope' }),
      );
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
      expect((error as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual([
        'email',
        'firstName',
        'lastName',
      ]);
    });
  });

  describe('users.update (U3, U4)', () => {
    it('edits names, admin flag and one permission at a time', async () => {
      const user = await t.sb.users.add(admin, {
        ...person('Grace', 'Hopper', 'grace@acme.test'),
        permissions: { canCreate: true },
      });
      const updated = await t.sb.users.update(admin, user.id, {
        lastName: 'Murray Hopper',
        isAdmin: true,
        permissions: { canShare: true },
      });
      expect(updated).toMatchObject({
        lastName: 'Murray Hopper',
        isAdmin: true,
        permissions: { canCreate: true, canShare: true },
      });
    });

    it('refuses twoFactorEnabled and changes nothing else in that request (U3)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const error = await failure(
        t.sb.users.update(admin, user.id, {
          firstName: 'Changed',
          twoFactorEnabled: true,
        } as never),
      );
      expect(isSwitchboardError(error, 'two_factor_not_editable')).toBe(true);
      expect((await t.sb.users.get(admin, user.id)).firstName).toBe('Grace');
    });

    it('re-verifies a changed email: pending again, sessions ended, link to the new address (U3)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await t.sb.db
        .insertInto('sessions')
        .values({
          id: 'ses_x',
          user_id: user.id,
          token_hash: 'h',
          expires_at: '2999-01-01T00:00:00.000Z',
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      const updated = await t.sb.users.update(admin, user.id, { email: 'grace@navy.test' });
      expect(updated).toMatchObject({ email: 'grace@navy.test', status: 'pending' });
      expect(
        await t.sb.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
      ).toHaveLength(0);
      await t.sb.mail.idle();
      expect(t.sent.at(-1)?.to).toBe('grace@navy.test');
      expect(
        isSwitchboardError(
          await failure(t.sb.users.update(admin, user.id, { email: 'ADA@acme.test' })),
          'email_taken',
        ),
      ).toBe(true);
    });

    it('refuses removing admin from the last admin (U4)', async () => {
      expect(
        isSwitchboardError(
          await failure(t.sb.users.update(admin, admin.userId, { isAdmin: false })),
          'last_admin',
        ),
      ).toBe(true);
      expect((await t.sb.users.get(admin, admin.userId)).isAdmin).toBe(true);
    });

    it('keeps one admin when the last two demote each other at the same moment (U4)', async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      const other = await t.another();
      const results = await Promise.allSettled([
        t.sb.users.update(admin, grace.userId, { isAdmin: false }),
        other.users.update(grace, admin.userId, { isAdmin: false }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = await t.sb.db
        .selectFrom('users')
        .select('id')
        .where('is_admin', '=', true)
        .where('account_id', '=', admin.accountId)
        .execute();
      expect(admins).toHaveLength(1);
    });
  });

  describe('users.delete (U4, U5)', () => {
    it('refuses deleting yourself (U4)', async () => {
      expect(
        isSwitchboardError(
          await failure(t.sb.users.delete(admin, admin.userId)),
          'cannot_delete_self',
        ),
      ).toBe(true);
    });

    it('keeps one admin when two admins delete each other at the same moment (U4)', async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      const other = await t.another();
      const results = await Promise.allSettled([
        t.sb.users.delete(admin, grace.userId),
        other.users.delete(grace, admin.userId),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const left = await t.sb.db
        .selectFrom('users')
        .select(['id', 'is_admin'])
        .where('account_id', '=', admin.accountId)
        .execute();
      expect(left).toHaveLength(1);
    });

    it('ends the user’s sessions and tokens with them (U5)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await t.sb.db
        .insertInto('sessions')
        .values({
          id: 'ses_y',
          user_id: user.id,
          token_hash: 'h2',
          expires_at: '2999-01-01T00:00:00.000Z',
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      await t.sb.users.delete(admin, user.id);
      expect(
        await t.sb.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
      ).toHaveLength(0);
      expect(
        await t.sb.db
          .selectFrom('user_tokens')
          .select('id')
          .where('user_id', '=', user.id)
          .execute(),
      ).toHaveLength(0);
      expect(isSwitchboardError(await failure(t.sb.users.get(admin, user.id)), 'not_found')).toBe(
        true,
      );
    });

    it('refuses a reassignTo outside the account and deletes nothing (U5)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const globex = await t.sb.operator.createAccount({
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      expect(
        isSwitchboardError(
          await failure(t.sb.users.delete(admin, user.id, { reassignTo: globex.admin.id })),
          'not_found',
        ),
      ).toBe(true);
      expect(
        isSwitchboardError(
          await failure(t.sb.users.delete(admin, user.id, { reassignTo: user.id })),
          'not_found',
        ),
      ).toBe(true);
      expect((await t.sb.users.get(admin, user.id)).id).toBe(user.id);
    });
  });

  describe('users.list (U7)', () => {
    it('walks every user in pages, ordered by last name, first name, id, with no gaps or repeats', async () => {
      const names = Array.from({ length: 60 }, (_, i) =>
        person(`F${i % 7}`, `L${String(i % 13).padStart(2, '0')}`, `u${i}@acme.test`),
      );
      for (const p of names) await t.sb.users.add(admin, p);
      const all = await t.sb.db
        .selectFrom('users')
        .select(['id', 'first_name', 'last_name'])
        .where('account_id', '=', admin.accountId)
        .execute();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await t.sb.users.list(admin, { limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((u) => u.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(all.length / 7));
      expect(new Set(seen).size).toBe(all.length);
      const { data } = await t.sb.users.list(admin, { limit: 100 });
      const keys = data.map((u) => [u.lastName, u.firstName, u.id].join('\u0000'));
      expect(keys).toEqual([...keys].sort());
      expect(data.map((u) => u.id)).toEqual(seen);
    });

    it('searches by case-insensitive prefix of first name, last name or email, % and _ literal', async () => {
      await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@navy.test'));
      await t.sb.users.add(admin, person('Alan', 'Turing', 'a_turing@acme.test'));
      await t.sb.users.add(admin, person('Annie', 'Easley', 'annie@nasa.test'));
      const ids = async (q: string) =>
        (await t.sb.users.list(admin, { q })).data.map((u) => u.firstName).sort();
      expect(await ids('gra')).toEqual(['Grace']);
      expect(await ids('HOP')).toEqual(['Grace']);
      expect(await ids('annie@')).toEqual(['Annie']);
      expect(await ids('a_')).toEqual(['Alan']);
      expect(await ids('a%')).toEqual([]);
      expect(await ids('race')).toEqual([]);
    });

    it('refuses a cursor it did not give out', async () => {
      expect(
        isSwitchboardError(
          await failure(t.sb.users.list(admin, { cursor: 'garbage' })),
          'validation_failed',
        ),
      ).toBe(true);
    });
  });

  describe('admin-only and account-scoped', () => {
    it('refuses every admin method to a member', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const member = await t.sb.identity.actorFor(user.id);
      for (const call of [
        t.sb.users.list(member),
        t.sb.users.get(member, admin.userId),
        t.sb.users.add(member, person('X', 'Y', 'x@acme.test')),
        t.sb.users.update(member, admin.userId, { firstName: 'X' }),
        t.sb.users.delete(member, admin.userId),
        t.sb.users.sendPasswordReset(member, admin.userId),
        t.sb.users.resendActivation(member, admin.userId),
      ]) {
        expect(isSwitchboardError(await failure(call), 'forbidden')).toBe(true);
      }
    });

    it('answers not_found for a user of another account', async () => {
      const globex = await t.sb.operator.createAccount({
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      expect(
        isSwitchboardError(await failure(t.sb.users.get(admin, globex.admin.id)), 'not_found'),
      ).toBe(true);
      expect(
        isSwitchboardError(
          await failure(t.sb.users.update(admin, globex.admin.id, { firstName: 'X' })),
          'not_found',
        ),
      ).toBe(true);
      expect(
        isSwitchboardError(await failure(t.sb.users.delete(admin, globex.admin.id)), 'not_found'),
      ).toBe(true);
    });
  });

  describe('emails (U2, U6)', () => {
    it('sends a reset link the admin never sees, and resends activation only to pending users', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await expect(t.sb.users.sendPasswordReset(admin, user.id)).resolves.toBeUndefined();
      await t.sb.users.resendActivation(admin, user.id);
      await t.sb.mail.idle();
      expect(t.sent.map((m) => m.subject)).toEqual([
        'Activate your Acme account',
        'Reset your password',
        'Activate your Acme account',
      ]);
      expect(t.sent[1]?.text).toMatch(/\/reset-password\?token=/);
      // The resent link replaced the first one.
      const first =
        new URL(t.sent[0]?.text.match(/https:\S+/)?.[0] ?? '').searchParams.get('token') ?? '';
      expect(
        isSwitchboardError(
          await failure(
            t.sb.identity.activate({ token: first, password: 'a long enough password' }),
          ),
          'invalid_token',
        ),
      ).toBe(true);
      const token =
        new URL(t.sent[2]?.text.match(/https:\S+/)?.[0] ?? '').searchParams.get('token') ?? '';
      await t.sb.identity.activate({ token, password: 'a long enough password' });
      expect(
        isSwitchboardError(
          await failure(t.sb.users.resendActivation(admin, user.id)),
          'already_active',
        ),
      ).toBe(true);
    });

    it('audits changes with field names only (E1)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await t.sb.users.update(admin, user.id, {
        lastName: 'Murray',
        permissions: { canShare: true },
      });
      const event = (await t.sb.audit.list(admin)).find((e) => e.action === 'user.updated');
      expect(event?.changedFields).toEqual(['lastName', 'permissions.canShare']);
      expect(JSON.stringify(event)).not.toContain('Murray');
    });
  });
});
