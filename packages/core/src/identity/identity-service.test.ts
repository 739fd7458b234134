import type { Session } from '@switchboard/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { ManualClock } from '../../test/support/manual-clock.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { operatorActor } from '../shared/operator-actor.js';
import { issueUserToken } from './user-token-repository.js';

const password = 'correct horse battery staple';
const email = 'ada@acme.test';
const hour = 3600_000;

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? '';
}

describe.each(testDatabaseKinds)('identity on $name', (kind) => {
  let t: TestSwitchboard;
  let clock: ManualClock;
  let activationToken: string;
  let userId: string;

  beforeEach(async () => {
    clock = new ManualClock();
    t = await createTestSwitchboard(kind, {
      clock,
      rateLimits: { perEmailAndAddress: 3, perAddress: 6 },
    });
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email },
    });
    activationToken = tokenOf(created.activationLink);
    userId = created.admin.id;
  });
  afterEach(async () => {
    await t.close();
  });

  const activate = () => t.sb.identity.activate({ token: activationToken, password });

  describe('identity.describeToken (issue 16)', () => {
    it('names the link’s purpose, email, first name and company without using it up', async () => {
      const info = await t.sb.identity.describeToken({ token: activationToken });
      expect(info).toMatchObject({ purpose: 'activation', companyName: 'Acme' });
      expect(info.email).toMatch(/@/);
      expect(Date.parse(info.expiresAt)).toBeGreaterThan(clock.now().getTime());
      await expect(activate()).resolves.toMatchObject({ user: { status: 'active' } });
    });

    it('is invalid_token for a used, expired or unknown link, counted per address (D3)', async () => {
      await activate();
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.describeToken({ token: activationToken })),
          'invalid_token',
        ),
      ).toBe(true);
      // perAddress is 6 in this suite: guessing tokens is limited like redeeming them.
      const outcomes: string[] = [];
      for (let i = 0; i < 8; i++) {
        const error = await failure(
          t.sb.identity.describeToken({ token: `guess-${i}` }, { clientAddress: '192.0.2.77' }),
        );
        outcomes.push((error as { code: string }).code);
      }
      expect(outcomes.slice(0, 6)).toEqual(Array(6).fill('invalid_token'));
      expect(outcomes.slice(6)).toEqual(['rate_limited', 'rate_limited']);
    });
  });

  describe('identity.activate (U2)', () => {
    it('sets the password, makes the user active and signs them in', async () => {
      const session = await activate();
      expect(session.user).toMatchObject({ id: userId, status: 'active' });
      expect(await t.sb.identity.authenticate(session.token)).toMatchObject({
        userId,
        isAdmin: true,
      });
    });

    it('works once only', async () => {
      await activate();
      expect(isSwitchboardError(await failure(activate()), 'invalid_token')).toBe(true);
    });

    it('keeps the token usable after a refused password (weak_password)', async () => {
      const error = await failure(
        t.sb.identity.activate({ token: activationToken, password: 'short' }),
      );
      expect(isSwitchboardError(error, 'weak_password')).toBe(true);
      await expect(activate()).resolves.toMatchObject({ user: { status: 'active' } });
    });

    it('expires after 72 hours', async () => {
      clock.advance(72 * hour + 1);
      expect(isSwitchboardError(await failure(activate()), 'invalid_token')).toBe(true);
    });

    it('lets exactly one of 10 concurrent redemptions of one token succeed (D1)', async () => {
      // Two instances with the default limits: this suite's tight ones would rightly start
      // answering rate_limited to the late losers.
      const instances = [await t.another({ rateLimits: {} }), await t.another({ rateLimits: {} })];
      const attempts = Array.from({ length: 10 }, (_, i) =>
        instances[i % 2]?.identity.activate({ token: activationToken, password }),
      );
      const results = await Promise.allSettled(attempts);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected')
          expect(isSwitchboardError(r.reason, 'invalid_token'), String(r.reason)).toBe(true);
      }
    });

    it('stores no password in plain text (D1)', async () => {
      await activate();
      const row = await t.sb.db
        .selectFrom('users')
        .select('password_hash')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(password);
    });
  });

  describe('identity.login (D2, D3)', () => {
    beforeEach(async () => {
      await activate();
    });

    it('answers a session token that authenticates as the user', async () => {
      const result = (await t.sb.identity.login({ email: ' ADA@acme.test ', password })) as Session;
      expect(result.user.id).toBe(userId);
      expect(result.token).toMatch(/^[\w-]{43}$/);
      expect(await t.sb.identity.authenticate(result.token)).toMatchObject({ userId });
      const stored = await t.sb.db.selectFrom('sessions').select('token_hash').execute();
      expect(JSON.stringify(stored)).not.toContain(result.token);
    });

    it('answers invalid_credentials alike for a wrong password, an unknown email and a pending user', async () => {
      await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Pending Inc',
        admin: { firstName: 'Pat', lastName: 'Pending', email: 'pat@pending.test' },
      });
      for (const attempt of [
        { email, password: 'wrong password here' },
        { email: 'nobody@acme.test', password },
        { email: 'pat@pending.test', password },
      ]) {
        const error = await failure(
          t.sb.identity.login(attempt, { clientAddress: `198.51.100.${attempt.email.length}` }),
        );
        expect(isSwitchboardError(error, 'invalid_credentials')).toBe(true);
        expect((error as Error).message).toBe('Email or password is wrong');
      }
    });

    it('refuses even the right password after too many failures per email and address, with Retry-After', async () => {
      const from = { clientAddress: '203.0.113.7' };
      for (let i = 0; i < 3; i++)
        await failure(t.sb.identity.login({ email, password: 'wrong password!' }, from));
      const error = await failure(t.sb.identity.login({ email, password }, from));
      expect(isSwitchboardError(error, 'rate_limited')).toBe(true);
      expect((error as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
      expect((error as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(900);
      // Another address is not limited for this email, and the window ends.
      await expect(
        t.sb.identity.login({ email, password }, { clientAddress: '203.0.113.8' }),
      ).resolves.toHaveProperty('token');
      clock.advance(15 * 60_000 + 1);
      await expect(t.sb.identity.login({ email, password }, from)).resolves.toHaveProperty('token');
    });

    it('limits failures per client address across emails', async () => {
      const from = { clientAddress: '203.0.113.9' };
      for (let i = 0; i < 6; i++)
        await failure(t.sb.identity.login({ email: `x${i}@acme.test`, password }, from));
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.login({ email, password }, from)),
          'rate_limited',
        ),
      ).toBe(true);
    });

    it('shares counters between server instances (kept in the database)', async () => {
      const other = await t.another();
      const from = { clientAddress: '203.0.113.10' };
      for (let i = 0; i < 3; i++)
        await failure(other.identity.login({ email, password: 'wrong password!' }, from));
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.login({ email, password }, from)),
          'rate_limited',
        ),
      ).toBe(true);
    });

    it('upgrades a hash made with older parameters at sign-in (D1)', async () => {
      const stronger = await t.another();
      const before = await t.sb.db
        .selectFrom('users')
        .select('password_hash')
        .executeTakeFirstOrThrow();
      expect(before.password_hash).toMatch(/^scrypt\$10\$/);
      const upgraded = await t.another({ passwordHashing: { logN: 11, r: 8, p: 1 } });
      await upgraded.identity.login({ email, password });
      const after = await t.sb.db
        .selectFrom('users')
        .select('password_hash')
        .executeTakeFirstOrThrow();
      expect(after.password_hash).toMatch(/^scrypt\$11\$/);
      await expect(stronger.identity.login({ email, password })).resolves.toHaveProperty('token');
    });
  });

  describe('sessions (D2)', () => {
    let token: string;
    beforeEach(async () => {
      token = (await activate()).token;
    });

    it('slide: a session used within 12 hours stays alive, an idle one ends', async () => {
      clock.advance(11 * hour);
      expect(await t.sb.identity.authenticate(token)).not.toBeNull();
      clock.advance(11 * hour);
      expect(await t.sb.identity.authenticate(token)).not.toBeNull();
      clock.advance(12 * hour + 1);
      expect(await t.sb.identity.authenticate(token)).toBeNull();
    });

    it('end at logout', async () => {
      await t.sb.identity.logout(token);
      expect(await t.sb.identity.authenticate(token)).toBeNull();
    });

    it('are not accepted for an unknown token', async () => {
      expect(await t.sb.identity.authenticate('not-a-token')).toBeNull();
    });
  });

  describe('two-factor sign-in (D2, U8)', () => {
    let code: () => string;
    beforeEach(async () => {
      const { token } = await activate();
      const actor = await t.sb.identity.authenticate(token);
      if (!actor) throw new Error('no actor');
      await t.sb.me.setTwoFactor(actor, { enabled: true, password });
      code = () => t.sent.at(-1)?.text.match(/\b(\d{6})\b/)?.[1] ?? '';
    });

    const challenge = async () => {
      const result = await t.sb.identity.login({ email, password });
      await t.sb.mail.idle();
      if (!('challenge' in result)) throw new Error('expected a challenge');
      return result.challenge.id;
    };

    it('emails a 6-digit code and completes sign-in only with it', async () => {
      const id = await challenge();
      expect(t.sent.at(-1)).toMatchObject({ to: email, from: 'hello@switchboard.test' });
      const session = await t.sb.identity.verifyLogin({ challengeId: id, code: code() });
      expect(session.user.twoFactorEnabled).toBe(true);
      expect(await t.sb.identity.authenticate(session.token)).toMatchObject({ userId });
    });

    it('accepts a code once', async () => {
      const id = await challenge();
      const right = code();
      await t.sb.identity.verifyLogin({ challengeId: id, code: right });
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.verifyLogin({ challengeId: id, code: right })),
          'invalid_code',
        ),
      ).toBe(true);
    });

    it('kills a challenge after 5 wrong codes, even for the right one', async () => {
      // Default limits here: the per-user count of wrong codes (10) must not answer first.
      const relaxed = await t.another({ rateLimits: {} });
      const id = await challenge();
      const right = code();
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        await failure(
          relaxed.identity.verifyLogin(
            { challengeId: id, code: wrong },
            { clientAddress: `192.0.2.${i + 10}` },
          ),
        );
      }
      const error = await failure(
        relaxed.identity.verifyLogin(
          { challengeId: id, code: right },
          { clientAddress: '192.0.2.1' },
        ),
      );
      expect(isSwitchboardError(error, 'invalid_code')).toBe(true);
    });

    it('evaluates at most 5 of 20 simultaneous codes at one challenge (D2, issue 17)', async () => {
      const relaxed = await t.another({ rateLimits: {} });
      const id = await challenge();
      const wrong = code() === '000000' ? '111111' : '000000';
      await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          relaxed.identity.verifyLogin(
            { challengeId: id, code: wrong },
            { clientAddress: `198.51.100.${i}` },
          ),
        ),
      );
      const row = await t.sb.db
        .selectFrom('login_challenges')
        .select('attempts')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(row.attempts)).toBe(5);
    });

    it('counts wrong codes per user across fresh challenges and addresses, like wrong passwords (D3)', async () => {
      // perEmailAndAddress is 3 in these tests: the user's wrong codes stop at 3, whatever
      // challenge or address they come from.
      const outcomes: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await challenge();
        const wrong = code() === '000000' ? '111111' : '000000';
        const error = await failure(
          t.sb.identity.verifyLogin(
            { challengeId: id, code: wrong },
            { clientAddress: `203.0.113.${i}` },
          ),
        );
        outcomes.push((error as { code: string }).code);
      }
      expect(outcomes).toEqual([
        'invalid_code',
        'invalid_code',
        'invalid_code',
        'rate_limited',
        'rate_limited',
      ]);
    });

    it('expires a code after 10 minutes', async () => {
      const id = await challenge();
      clock.advance(10 * 60_000 + 1);
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.verifyLogin({ challengeId: id, code: code() })),
          'invalid_code',
        ),
      ).toBe(true);
    });
  });

  describe('identity.completePasswordReset (U6)', () => {
    it('sets the new password and ends every session; the link works once', async () => {
      const { token: session } = await activate();
      const { token } = await issueUserToken(t.sb.db, {
        userId,
        purpose: 'password_reset',
        now: clock.now(),
      });
      const newPassword = 'an entirely new passphrase';
      await t.sb.identity.completePasswordReset({ token, password: newPassword });
      expect(await t.sb.identity.authenticate(session)).toBeNull();
      await expect(t.sb.identity.login({ email, password: newPassword })).resolves.toHaveProperty(
        'token',
      );
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.completePasswordReset({ token, password: newPassword })),
          'invalid_token',
        ),
      ).toBe(true);
    });

    it('expires after 1 hour', async () => {
      await activate();
      const { token } = await issueUserToken(t.sb.db, {
        userId,
        purpose: 'password_reset',
        now: clock.now(),
      });
      clock.advance(hour + 1);
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.completePasswordReset({ token, password })),
          'invalid_token',
        ),
      ).toBe(true);
    });

    it('does not accept an activation token', async () => {
      expect(
        isSwitchboardError(
          await failure(t.sb.identity.completePasswordReset({ token: activationToken, password })),
          'invalid_token',
        ),
      ).toBe(true);
    });
  });

  describe('me (U8)', () => {
    it('lets a user edit their names, change their password and turn two-factor on and off', async () => {
      const { token } = await activate();
      const second = (await t.sb.identity.login({ email, password })) as Session;
      const actor = await t.sb.identity.authenticate(token);
      if (!actor) throw new Error('no actor');

      expect(await t.sb.me.update(actor, { firstName: 'Augusta' })).toMatchObject({
        firstName: 'Augusta',
        lastName: 'Lovelace',
      });
      expect(
        isSwitchboardError(
          await failure(t.sb.me.update(actor, { email: 'x@y.io' } as never)),
          'validation_failed',
        ),
      ).toBe(true);

      const wrong = await failure(
        t.sb.me.changePassword(actor, {
          currentPassword: 'not my password',
          newPassword: 'a brand new password',
        }),
      );
      expect(isSwitchboardError(wrong, 'wrong_password')).toBe(true);
      const weak = await failure(
        t.sb.me.changePassword(actor, { currentPassword: password, newPassword: 'short' }),
      );
      expect(isSwitchboardError(weak, 'weak_password')).toBe(true);
      await t.sb.me.changePassword(actor, {
        currentPassword: password,
        newPassword: 'a brand new password',
      });
      expect(await t.sb.identity.authenticate(token)).not.toBeNull();
      expect(await t.sb.identity.authenticate(second.token)).toBeNull();

      const off = await failure(t.sb.me.setTwoFactor(actor, { enabled: true, password }));
      expect(isSwitchboardError(off, 'wrong_password')).toBe(true);
      expect(
        (await t.sb.me.setTwoFactor(actor, { enabled: true, password: 'a brand new password' }))
          .twoFactorEnabled,
      ).toBe(true);
      await t.sb.mail.idle();
      expect(t.sent.at(-1)?.subject).toBe('Two-factor sign-in turned on');
      expect(
        (await t.sb.me.setTwoFactor(actor, { enabled: false, password: 'a brand new password' }))
          .twoFactorEnabled,
      ).toBe(false);
    });
  });
});
