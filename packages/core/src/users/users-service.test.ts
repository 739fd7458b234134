import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { operatorActor } from '../shared/operator-actor.js';

describe.each(testDatabaseKinds)('users on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    admin = await openAcmeAccount(t);
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

  /** The token in the newest emailed link to `to`. */
  const linkToken = async (to: string) => {
    await t.sb.mail.idle();
    const text = t.sent.filter((m) => m.to === to).at(-1)?.text ?? '';
    return new URL(text.match(/https:\S+/)?.[0] ?? 'https://x').searchParams.get('token') ?? '';
  };
  const password = 'a long enough password';

  /** Adds a user and activates them through their emailed link. */
  const addActive = async (first: string, email: string) => {
    const user = await t.sb.users.add(admin, person(first, 'Active', email));
    await t.sb.identity.activate({ token: await linkToken(email), password });
    return user;
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
      await t.sb.operator.createAccount(operatorActor(), {
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

    it('stores the activation token hashed, valid for 72 hours (U2)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const token = await linkToken('grace@acme.test');
      const rows = await t.sb.db
        .selectFrom('user_tokens')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.purpose).toBe('activation');
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(
        Date.parse(String(rows[0]?.expires_at)) - Date.parse(String(rows[0]?.created_at)),
      ).toBe(72 * 3600_000);
    });

    it('rejects unknown fields (validation_failed) and adds nothing', async () => {
      const error = await failure(
        t.sb.users.add(admin, { ...person('G', 'H', 'g@acme.test'), status: 'active' } as never),
      );
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
      expect((await t.sb.users.list(admin)).data).toHaveLength(1);
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

    it('stores a case-only email change without re-verifying: same address by U1 (U3)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await t.sb.mail.idle();
      const mails = t.sent.length;
      await t.sb.db
        .updateTable('users')
        .set({ status: 'active' })
        .where('id', '=', user.id)
        .execute();
      const updated = await t.sb.users.update(admin, user.id, { email: 'Grace@ACME.test' });
      expect(updated).toMatchObject({ email: 'Grace@ACME.test', status: 'active' });
      await t.sb.mail.idle();
      expect(t.sent).toHaveLength(mails);
      const audit = await t.sb.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', user.id)
        .where('action', '=', 'user.updated')
        .execute();
      expect(audit).toHaveLength(1);
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
    it('refuses twoFactorEnabled whatever its value, even on the admin’s own user (U3)', async () => {
      for (const twoFactorEnabled of [false, true]) {
        const error = await failure(
          t.sb.users.update(admin, admin.userId, {
            isAdmin: true,
            twoFactorEnabled,
          } as never),
        );
        expect(isSwitchboardError(error, 'two_factor_not_editable')).toBe(true);
      }
      expect(
        (await t.sb.audit.list(admin)).data.filter((e) => e.action === 'user.updated'),
      ).toHaveLength(0);
    });

    it('rejects changing an email to one taken in another account (U1)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      expect(
        isSwitchboardError(
          await failure(t.sb.users.update(admin, user.id, { email: ' Hank＠Globex.test' })),
          'email_taken',
        ),
      ).toBe(true);
      expect(await t.sb.users.get(admin, user.id)).toMatchObject({
        email: 'grace@acme.test',
        status: 'pending',
      });
    });

    it('re-verifies an active user’s new email: old password, reset link and sign-in code stop working (U3)', async () => {
      const grace = await addActive('Grace', 'grace@acme.test');
      const graceActor = await t.sb.identity.actorFor(grace.id);
      await t.sb.me.setTwoFactor(graceActor, { enabled: true, password });
      const signIn = await t.sb.identity.login({ email: 'grace@acme.test', password });
      if (!('challenge' in signIn)) throw new Error('expected a two-factor challenge');
      await t.sb.mail.idle();
      const code = t.sent.at(-1)?.text.match(/code is (\d{6})/)?.[1] ?? '';
      await t.sb.users.sendPasswordReset(admin, grace.id);
      const oldReset = await linkToken('grace@acme.test');

      const updated = await t.sb.users.update(admin, grace.id, { email: 'grace@navy.test' });
      expect(updated).toMatchObject({ email: 'grace@navy.test', status: 'pending' });
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.verifyLogin({ challengeId: signIn.challenge.id, code })),
          'invalid_code',
        ),
      ).toBe(true);
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.completePasswordReset({ token: oldReset, password })),
          'invalid_token',
        ),
      ).toBe(true);
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.login({ email: 'grace@navy.test', password })),
          'invalid_credentials',
        ),
      ).toBe(true);
      const session = await t.sb.identity.activate({
        token: await linkToken('grace@navy.test'),
        password,
      });
      expect(session.user).toMatchObject({ email: 'grace@navy.test', status: 'active' });
    });

    it('lets an admin step down while another admin remains (U4)', async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      expect((await t.sb.users.update(grace, grace.userId, { isAdmin: false })).isAdmin).toBe(
        false,
      );
      expect(
        isSwitchboardError(
          await failure(t.sb.users.update(admin, admin.userId, { isAdmin: false })),
          'last_admin',
        ),
      ).toBe(true);
    });

    it('re-checks inside the transaction that the actor is still an admin', async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      await t.sb.users.update(admin, grace.userId, { isAdmin: false });
      // `grace` still says isAdmin: true, as a session resolved a moment earlier would.
      // One call at a time: each starts only after the previous one settled.
      for (const call of [
        () => t.sb.users.update(grace, admin.userId, { isAdmin: false }),
        () => t.sb.users.delete(grace, admin.userId),
        () => t.sb.users.add(grace, person('X', 'Y', 'x@acme.test')),
      ]) {
        expect(isSwitchboardError(await failure(call()), 'forbidden')).toBe(true);
      }
      expect((await t.sb.users.get(admin, admin.userId)).isAdmin).toBe(true);
    });

    it('writes nothing, not even an audit event, when nothing really changes', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const same = await t.sb.users.update(admin, user.id, {
        firstName: 'Grace',
        permissions: { canCreate: false },
      });
      expect(same.updatedAt).toBe(user.updatedAt);
      expect(
        (await t.sb.audit.list(admin)).data.filter((e) => e.action === 'user.updated'),
      ).toHaveLength(0);
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
      const globex = await t.sb.operator.createAccount(operatorActor(), {
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
    it('deletes another admin while one remains; the admin left cannot delete themselves (U4)', async () => {
      const grace = await addAdmin('Grace', 'grace@acme.test');
      await t.sb.users.delete(grace, admin.userId);
      expect(
        isSwitchboardError(
          await failure(t.sb.users.delete(grace, grace.userId)),
          'cannot_delete_self',
        ),
      ).toBe(true);
      expect((await t.sb.users.get(grace, grace.userId)).isAdmin).toBe(true);
    });

    it('refuses an unknown reassignTo and deletes nothing (U5)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      expect(
        isSwitchboardError(
          await failure(t.sb.users.delete(admin, user.id, { reassignTo: newId('usr') })),
          'not_found',
        ),
      ).toBe(true);
      expect((await t.sb.users.get(admin, user.id)).id).toBe(user.id);
    });
  });

  describe('admin-only and account-scoped', () => {
    it('refuses every admin method to a member', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const member = await t.sb.identity.actorFor(user.id);
      for (const call of [
        () => t.sb.users.list(member),
        () => t.sb.users.get(member, admin.userId),
        () => t.sb.users.add(member, person('X', 'Y', 'x@acme.test')),
        () => t.sb.users.update(member, admin.userId, { firstName: 'X' }),
        () => t.sb.users.delete(member, admin.userId),
        () => t.sb.users.sendPasswordReset(member, admin.userId),
        () => t.sb.users.resendActivation(member, admin.userId),
      ]) {
        expect(isSwitchboardError(await failure(call()), 'forbidden')).toBe(true);
      }
    });

    it('answers not_found for a user of another account', async () => {
      const globex = await t.sb.operator.createAccount(operatorActor(), {
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
    it('limits the emails admins can send one user, even when asked all at once, across instances (issue 16)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      const other = kind.name === 'postgres' ? await t.another() : t.sb;
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? t.sb : other).users.sendPasswordReset(admin, user.id),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(isSwitchboardError(result.reason, 'rate_limited')).toBe(true);
          expect((result.reason as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
        }
      }
      await t.sb.mail.idle();
      await other.mail.idle();
      expect(t.sent.filter((m) => m.subject === 'Reset your password')).toHaveLength(5);
      // Another user of the account can still be sent their link.
      const alan = await t.sb.users.add(admin, person('Alan', 'Turing', 'alan@acme.test'));
      await expect(t.sb.users.resendActivation(admin, alan.id)).resolves.toBeUndefined();
    });

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
      const event = (await t.sb.audit.list(admin)).data.find((e) => e.action === 'user.updated');
      expect(event?.changedFields).toEqual(['lastName', 'permissions.canShare']);
      expect(JSON.stringify(event)).not.toContain('Murray');
    });
    it('stores the reset token hashed, valid for 1 hour, and the mail says so (U6)', async () => {
      const grace = await addActive('Grace', 'grace@acme.test');
      await t.sb.users.sendPasswordReset(admin, grace.id);
      const token = await linkToken('grace@acme.test');
      const mail = t.sent.at(-1);
      expect(mail?.text).toContain('expires in 1 hour');
      expect(mail?.html).toContain('/reset-password?token=');
      const [row] = await t.sb.db
        .selectFrom('user_tokens')
        .selectAll()
        .where('user_id', '=', grace.id)
        .where('purpose', '=', 'password_reset')
        .execute();
      expect(JSON.stringify(row)).not.toContain(token);
      expect(Date.parse(String(row?.expires_at)) - Date.parse(String(row?.created_at))).toBe(
        3600_000,
      );
      await t.sb.identity.completePasswordReset({ token, password: 'another long password' });
      expect(
        isSwitchboardError(
          await failure(
            t.sb.identity.completePasswordReset({ token, password: 'a third long password' }),
          ),
          'invalid_token',
        ),
      ).toBe(true);
    });

    it('answers not_found for resets and activations of another account’s user', async () => {
      const globex = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      for (const call of [
        () => t.sb.users.sendPasswordReset(admin, globex.admin.id),
        () => t.sb.users.resendActivation(admin, globex.admin.id),
      ]) {
        expect(isSwitchboardError(await failure(call()), 'not_found')).toBe(true);
      }
    });

    it('audits add, delete, reset and resend with field names and no values (E1)', async () => {
      const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
      await t.sb.users.sendPasswordReset(admin, user.id);
      await t.sb.users.resendActivation(admin, user.id);
      await t.sb.users.delete(admin, user.id);
      const events = (await t.sb.audit.list(admin)).data.filter((e) => e.target.id === user.id);
      expect(events.map((e) => e.action).sort()).toEqual([
        'user.activation_resent',
        'user.added',
        'user.deleted',
        'user.password_reset_requested',
      ]);
      for (const e of events) expect(e.actor).toEqual({ type: 'user', id: admin.userId });
      expect(events.find((e) => e.action === 'user.added')?.changedFields).toEqual([
        'firstName',
        'lastName',
        'email',
        'isAdmin',
        'permissions',
      ]);
      const raw = JSON.stringify(await t.sb.db.selectFrom('audit_events').selectAll().execute());
      for (const value of ['Grace', 'Hopper', 'grace@acme.test']) expect(raw).not.toContain(value);
    });
  });
});
