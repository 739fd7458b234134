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

describe.each(testDatabaseKinds)('deactivating users on $name (U9)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  const password = 'a long enough password';

  /** The token in the newest emailed link to `to`. */
  const linkToken = async (to: string) => {
    await t.sb.mail.idle();
    const text = t.sent.filter((m) => m.to === to).at(-1)?.text ?? '';
    return new URL(text.match(/https:\S+/)?.[0] ?? 'https://x').searchParams.get('token') ?? '';
  };

  /** Adds a user and activates them through their link: their user and session token. */
  const addActive = async (first: string, email: string, isAdmin = false) => {
    const user = await t.sb.users.add(admin, { ...person(first, 'Active', email), isAdmin });
    const session = await t.sb.identity.activate({ token: await linkToken(email), password });
    return { user, token: session.token };
  };

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    const pending = await openAcmeAccount(t);
    await t.sb.identity.activate({ token: await linkToken('ada@acme.test'), password });
    admin = await t.sb.identity.actorFor(pending.userId);
  });
  afterEach(async () => {
    await t.close();
  });

  it('ends sessions at once, refuses sign-in like any failure, and keeps numbers and history', async () => {
    const { user, token } = await addActive('Grace', 'grace@acme.test');
    const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free', ownerId: user.id });
    expect(await t.sb.identity.authenticate(token)).not.toBeNull();

    const deactivated = await t.sb.users.update(admin, user.id, { status: 'deactivated' });
    expect(deactivated).toMatchObject({ status: 'deactivated', version: user.version + 2 });
    expect(await t.sb.identity.authenticate(token)).toBeNull();
    const signIn = await failure(t.sb.identity.login({ email: 'grace@acme.test', password }));
    expect(isSwitchboardError(signIn, 'invalid_credentials')).toBe(true);
    expect(isSwitchboardError(await failure(t.sb.identity.actorFor(user.id)), 'forbidden')).toBe(
      true,
    );

    const numbers = await t.sb.phoneNumbers.list(admin);
    expect(numbers.data.find((n) => n.id === number.id)?.ownerId).toBe(user.id);
    const events = await t.sb.audit.list(admin, { targetId: user.id });
    expect(events.data.map((e) => e.action)).toEqual([
      'user.deactivated',
      'user.activated',
      'user.added',
    ]);
    expect(events.data[0]).toMatchObject({
      actor: { type: 'user', id: admin.userId },
      changedFields: ['status'],
    });
  });

  it('voids an emailed reset link and an open sign-in code at once', async () => {
    const { user, token } = await addActive('Grace', 'grace@acme.test');
    const grace = (await t.sb.identity.authenticate(token)) as Actor;
    await t.sb.me.setTwoFactor(grace, { enabled: true, password });
    const login = await t.sb.identity.login({ email: 'grace@acme.test', password });
    if (!('challenge' in login)) throw new Error('expected a challenge');
    await t.sb.mail.idle();
    const code = t.sent.at(-1)?.text.match(/\b\d{6}\b/)?.[0] ?? '';
    await t.sb.users.sendPasswordReset(admin, user.id);
    const reset = await linkToken('grace@acme.test');

    await t.sb.users.update(admin, user.id, { status: 'deactivated' });
    const verify = failure(t.sb.identity.verifyLogin({ challengeId: login.challenge.id, code }));
    expect(isSwitchboardError(await verify, 'invalid_code')).toBe(true);
    const redeem = failure(t.sb.identity.completePasswordReset({ token: reset, password }));
    expect(isSwitchboardError(await redeem, 'invalid_token')).toBe(true);
    expect(
      isSwitchboardError(
        await failure(t.sb.identity.describeToken({ token: reset })),
        'invalid_token',
      ),
    ).toBe(true);
  });

  it('sends a deactivated user no link: user_deactivated for resets and activation emails', async () => {
    const pending = await t.sb.users.add(admin, person('Pat', 'Pending', 'pat@acme.test'));
    await t.sb.users.update(admin, pending.id, { status: 'deactivated' });
    await t.sb.mail.idle();
    const before = t.sent.length;
    for (const call of [
      () => t.sb.users.sendPasswordReset(admin, pending.id),
      () => t.sb.users.resendActivation(admin, pending.id),
    ]) {
      expect(isSwitchboardError(await failure(call()), 'user_deactivated')).toBe(true);
    }
    await t.sb.users.update(admin, pending.id, { email: 'pat@elsewhere.test' });
    await t.sb.mail.idle();
    expect(t.sent.length).toBe(before);
  });

  it('reactivates an active user as active: the old password works again', async () => {
    const { user } = await addActive('Grace', 'grace@acme.test');
    await t.sb.users.update(admin, user.id, { status: 'deactivated' });
    const back = await t.sb.users.update(admin, user.id, { status: 'active' });
    expect(back.status).toBe('active');
    const session = await t.sb.identity.login({ email: 'grace@acme.test', password });
    expect('token' in session).toBe(true);
    const events = await t.sb.audit.list(admin, { action: 'user.reactivated' });
    expect(events.data).toHaveLength(1);
  });

  it('reactivates a user who never set a password as pending, with a fresh activation link', async () => {
    const pending = await t.sb.users.add(admin, person('Pat', 'Pending', 'pat@acme.test'));
    const firstLink = await linkToken('pat@acme.test');
    await t.sb.users.update(admin, pending.id, { status: 'deactivated' });
    const dead = failure(t.sb.identity.activate({ token: firstLink, password }));
    expect(isSwitchboardError(await dead, 'invalid_token')).toBe(true);

    const back = await t.sb.users.update(admin, pending.id, { status: 'active' });
    expect(back.status).toBe('pending');
    const fresh = await linkToken('pat@acme.test');
    expect(fresh).not.toBe(firstLink);
    const session = await t.sb.identity.activate({ token: fresh, password });
    expect(session.user.status).toBe('active');
  });

  it('changes nothing when asked for the state the user is in', async () => {
    const { user } = await addActive('Grace', 'grace@acme.test');
    const same = await t.sb.users.update(admin, user.id, { status: 'active' });
    expect(same.version).toBe((await t.sb.users.get(admin, user.id)).version);
    const events = await t.sb.audit.list(admin, { targetId: user.id });
    expect(events.data.map((e) => e.action)).toEqual(['user.activated', 'user.added']);
  });

  it('refuses to deactivate yourself (cannot_deactivate_self) and changes nothing', async () => {
    const error = await failure(t.sb.users.update(admin, admin.userId, { status: 'deactivated' }));
    expect(isSwitchboardError(error, 'cannot_deactivate_self')).toBe(true);
    expect((await t.sb.users.get(admin, admin.userId)).status).toBe('active');
  });

  it('counts active admins only for U4: a deactivated admin can be demoted or deleted', async () => {
    const { user: bob } = await addActive('Bob', 'bob@acme.test', true);
    const bobActor = await t.sb.identity.actorFor(bob.id);
    await t.sb.users.update(bobActor, admin.userId, { status: 'deactivated' });
    // Ada is deactivated; Bob is the only active admin left, and he cannot step down.
    const demote = await failure(t.sb.users.update(bobActor, bob.id, { isAdmin: false }));
    expect(isSwitchboardError(demote, 'last_admin')).toBe(true);
    // Demoting or deleting the deactivated Ada takes no active admin away.
    expect((await t.sb.users.update(bobActor, admin.userId, { isAdmin: false })).isAdmin).toBe(
      false,
    );
    await t.sb.users.delete(bobActor, admin.userId);
    expect((await t.sb.users.list(bobActor)).data.map((user) => user.id)).toEqual([bob.id]);
  });

  it('refuses last_admin when deactivating the only other active admin would leave none', async () => {
    const { user: bob } = await addActive('Bob', 'bob@acme.test', true);
    const bobActor = await t.sb.identity.actorFor(bob.id);
    await t.sb.users.update(admin, bob.id, { status: 'deactivated' });
    await t.sb.users.update(admin, bob.id, { status: 'active' });
    await t.sb.users.update(bobActor, admin.userId, { status: 'deactivated' });
    const scim = { type: 'scim', accountId: admin.accountId, tokenId: 'sct_test' } as const;
    const error = await failure(t.sb.users.update(scim, bob.id, { status: 'deactivated' }));
    expect(isSwitchboardError(error, 'last_admin')).toBe(true);
    const demote = await failure(t.sb.users.update(scim, bob.id, { isAdmin: false }));
    expect(isSwitchboardError(demote, 'last_admin')).toBe(true);
    expect((await t.sb.users.get(bobActor, bob.id)).status).toBe('active');
  });

  it('keeps an active admin when the last two deactivate each other at once, two instances (U4)', async () => {
    const { user: bob } = await addActive('Bob', 'bob@acme.test', true);
    const bobActor = await t.sb.identity.actorFor(bob.id);
    const other = await t.another();
    const results = await Promise.allSettled([
      t.sb.users.update(admin, bob.id, { status: 'deactivated' }),
      other.users.update(bobActor, admin.userId, { status: 'deactivated' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(
      refused?.status === 'rejected' &&
        isSwitchboardError(refused.reason) &&
        ['forbidden', 'last_admin'].includes(refused.reason.code),
    ).toBe(true);
    const activeAdmins = await t.sb.db
      .selectFrom('users')
      .select('id')
      .where('is_admin', '=', true)
      .where('deactivated_at', 'is', null)
      .execute();
    expect(activeAdmins).toHaveLength(1);
  });

  it('takes a deactivated admin’s powers away at once, even with an actor made before', async () => {
    const { user: bob } = await addActive('Bob', 'bob@acme.test', true);
    const bobActor = await t.sb.identity.actorFor(bob.id);
    await t.sb.users.update(admin, bob.id, { status: 'deactivated' });
    const error = await failure(t.sb.users.add(bobActor, person('Eve', 'Evil', 'eve@acme.test')));
    expect(isSwitchboardError(error, 'forbidden')).toBe(true);
  });

  it('lists deactivated users, finds them by q, and filters by status', async () => {
    const { user: grace } = await addActive('Grace', 'grace@acme.test');
    const pending = await t.sb.users.add(admin, person('Pat', 'Pending', 'pat@acme.test'));
    await t.sb.users.update(admin, grace.id, { status: 'deactivated' });
    const ids = async (query: Parameters<typeof t.sb.users.list>[1]) =>
      (await t.sb.users.list(admin, query)).data.map((user) => user.id);
    expect(await ids({})).toContain(grace.id);
    expect(await ids({ q: 'gra' })).toEqual([grace.id]);
    expect(await ids({ status: 'deactivated' })).toEqual([grace.id]);
    expect(await ids({ status: 'pending' })).toEqual([pending.id]);
    expect(await ids({ status: 'active' })).toEqual([admin.userId]);
    expect(await ids({ status: 'deactivated', q: 'pat' })).toEqual([]);
    const bad = await failure(t.sb.users.list(admin, { status: 'gone' as 'active' }));
    expect(isSwitchboardError(bad, 'validation_failed')).toBe(true);
  });
});
