import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { operatorActor } from '../shared/operator-actor.js';
import { hashToken } from '../shared/secret-token.js';

const admin = { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Acme.test' };

describe.each(testDatabaseKinds)('operator on $name', (kind) => {
  let t: TestSwitchboard;
  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  describe('operator.createAccount', () => {
    it('refuses any actor but the operator, even an admin, and creates nothing (A2)', async () => {
      const created = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin,
      });
      const user = await t.sb.identity.actorFor(created.admin.id);
      expect(user.isAdmin).toBe(true);
      const input = { companyName: 'Other', admin: { ...admin, email: 'grace@other.test' } };
      for (const actor of [user, { type: 'system' }, { type: 'operator', ...user }, null]) {
        const error = await failure(t.sb.operator.createAccount(actor as never, input));
        expect(isSwitchboardError(error, 'forbidden')).toBe(true);
        expect((error as Error).message).toBe('Only the platform operator may do this');
      }
      expect(await t.sb.db.selectFrom('accounts').select('id').execute()).toHaveLength(1);
      expect(await t.sb.db.selectFrom('users').select('id').execute()).toHaveLength(1);
      await t.sb.mail.idle();
      expect(t.sent).toHaveLength(1);
    });

    it('creates the account with a pending admin and emails an activation link (U2)', async () => {
      const created = await t.sb.operator.createAccount(operatorActor(), {
        companyName: ' Acme Corp ',
        admin,
      });
      expect(created.account).toMatchObject({ companyName: 'Acme Corp', demo: false, city: null });
      expect(created.account.id).toMatch(/^acc_/);
      expect(created.admin).toMatchObject({
        email: 'Ada@Acme.test',
        isAdmin: true,
        status: 'pending',
        twoFactorEnabled: false,
      });
      await t.sb.mail.idle();
      expect(t.sent).toHaveLength(1);
      const [mail] = t.sent;
      expect(mail).toMatchObject({ from: 'hello@switchboard.test', to: 'Ada@Acme.test' });
      expect(mail?.text).toContain(created.activationLink);
      expect(created.activationLink).toMatch(
        /^https:\/\/admin\.example\.test\/activate\?token=[\w-]{43}$/,
      );
    });

    it('stores the activation token only as its SHA-256, expiring in 72 hours (D1, U2)', async () => {
      const created = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin,
      });
      const token = new URL(created.activationLink).searchParams.get('token') ?? '';
      const rows = await t.sb.db.selectFrom('user_tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.token_hash).toBe(hashToken(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      const lifetime =
        Date.parse(String(rows[0]?.expires_at)) - Date.parse(String(rows[0]?.created_at));
      expect(lifetime).toBe(72 * 3600 * 1000);
    });

    it('erases the body of a delivered email, so the link does not stay in the database', async () => {
      const created = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin,
      });
      await t.sb.mail.idle();
      const token = new URL(created.activationLink).searchParams.get('token') ?? '';
      const outbox = await t.sb.db.selectFrom('mail_outbox').selectAll().execute();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]?.sent_at).not.toBeNull();
      expect(JSON.stringify(outbox)).not.toContain(token);
    });

    it('rejects an admin email in use in another account, in any case or width (U1)', async () => {
      await t.sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin });
      for (const email of ['ada@acme.test', ' ADA@ACME.TEST ', 'ada＠acme.test']) {
        const error = await t.sb.operator
          .createAccount(operatorActor(), { companyName: 'Other', admin: { ...admin, email } })
          .catch((e: unknown) => e);
        expect(isSwitchboardError(error, 'email_taken')).toBe(true);
      }
      const accounts = await t.sb.db.selectFrom('accounts').select('id').execute();
      expect(accounts).toHaveLength(1);
      await t.sb.mail.idle();
      expect(t.sent).toHaveLength(1);
    });

    it('rejects bad input with field issues and creates nothing', async () => {
      const error = await t.sb.operator
        .createAccount(operatorActor(), {
          companyName: '',
          admin: { ...admin, email: 'nope' },
          extra: 1,
        } as never)
        .catch((e: unknown) => e);
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
      const paths = (error as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
      expect(paths).toEqual(['', 'admin.email', 'companyName']);
      expect(await t.sb.operator.hasAccounts()).toBe(false);
    });

    it('audits the account and its admin in the same transaction (E1)', async () => {
      const created = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin,
      });
      const actor = await t.sb.identity.actorFor(created.admin.id);
      const { data: events } = await t.sb.audit.list(actor);
      expect(events.map((e) => e.action).sort()).toEqual(['account.created', 'user.added']);
      expect(events.every((e) => e.actor.type === 'operator')).toBe(true);
    });
  });

  describe('operator.setDemo (A2)', () => {
    it('sets and clears the demo flag, auditing each change', async () => {
      const { account, admin: user } = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin,
      });
      expect((await t.sb.operator.setDemo(operatorActor(), account.id, { demo: true })).demo).toBe(
        true,
      );
      expect((await t.sb.operator.setDemo(operatorActor(), account.id, { demo: true })).demo).toBe(
        true,
      );
      expect((await t.sb.operator.setDemo(operatorActor(), account.id, { demo: false })).demo).toBe(
        false,
      );
      const { data: events } = await t.sb.audit.list(await t.sb.identity.actorFor(user.id));
      expect(events.filter((e) => e.action === 'account.demo_changed')).toHaveLength(2);
    });

    it('refuses any actor but the operator, even the account admin, and changes nothing (A2)', async () => {
      const created = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin,
      });
      const user = await t.sb.identity.actorFor(created.admin.id);
      expect(user.isAdmin).toBe(true);
      const error = await failure(
        t.sb.operator.setDemo(user as never, created.account.id, { demo: true }),
      );
      expect(isSwitchboardError(error, 'forbidden')).toBe(true);
      expect((await t.sb.account.get(user)).demo).toBe(false);
      const { data: events } = await t.sb.audit.list(user);
      expect(events.some((e) => e.action === 'account.demo_changed')).toBe(false);
    });

    it('answers not_found for an unknown account', async () => {
      const error = await t.sb.operator
        .setDemo(operatorActor(), 'acc_unknown0000', { demo: true })
        .catch((e: unknown) => e);
      expect(isSwitchboardError(error, 'not_found')).toBe(true);
    });
  });
});
