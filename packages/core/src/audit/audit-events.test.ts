import type { AuditEvent } from '@switchboard/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';

const k1 = newKeyRingEntry('k1');
const password = 'correct horse battery staple';
const newPassword = 'another long passphrase';
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * Every action API.md lists that Switchboard has today, each produced by its operation,
 * with who did it to what, and changed field names only (E1, E2).
 */
describe.each(testDatabaseKinds)('audit events on $name (E1)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let accountId: string;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, { secretKeys: k1, integrationTimeoutMs: 2_000 });
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: person('Ada', 'Lovelace', 'ada@acme.test'),
    });
    accountId = created.account.id;
    admin = await t.sb.identity.actorFor(created.admin.id);
  });
  afterEach(async () => {
    await t.close();
  });

  const linkToken = async (to: string) => {
    await t.sb.mail.idle();
    const text = t.sent.filter((m) => m.to === to).at(-1)?.text ?? '';
    return new URL(text.match(/https:\S+/)?.[0] ?? 'https://x').searchParams.get('token') ?? '';
  };
  const signInCode = async (to: string) => {
    await t.sb.mail.idle();
    return (
      t.sent
        .filter((m) => m.to === to)
        .at(-1)
        ?.text.match(/\b\d{6}\b/)?.[0] ?? ''
    );
  };

  /** The account's whole log, oldest first. */
  const log = async (): Promise<AuditEvent[]> => {
    const events: AuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.sb.audit.list(admin, { limit: 100, ...(cursor ? { cursor } : {}) });
      events.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return events.reverse();
  };

  it('records each action by its operation, with actor, target and field names only', async () => {
    const operator = operatorActor();
    await t.sb.operator.setDemo(operator, accountId, { demo: true });
    await t.sb.account.update(admin, { city: 'Boston' });
    const grace = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await t.sb.users.resendActivation(admin, grace.id);
    await t.sb.identity.activate({ token: await linkToken('grace@acme.test'), password });
    await t.sb.users.update(admin, grace.id, { lastName: 'Murray' });
    await t.sb.users.sendPasswordReset(admin, grace.id);
    await t.sb.identity.completePasswordReset({
      token: await linkToken('grace@acme.test'),
      password: newPassword,
    });
    const { token } = (await t.sb.identity.login({
      email: 'grace@acme.test',
      password: newPassword,
    })) as { token: string };
    const graceActor = await t.sb.identity.authenticate(token);
    if (!graceActor) throw new Error('no session');
    await t.sb.me.update(graceActor, { firstName: 'Amazing Grace' });
    await t.sb.me.changePassword(graceActor, {
      currentPassword: newPassword,
      newPassword: password,
    });
    await t.sb.me.setTwoFactor(graceActor, { enabled: true, password });
    const challenge = (await t.sb.identity.login({ email: 'grace@acme.test', password })) as {
      challenge: { id: string };
    };
    await t.sb.identity.verifyLogin({
      challengeId: challenge.challenge.id,
      code: await signInCode('grace@acme.test'),
    });
    const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
    await t.sb.phoneNumbers.update(admin, number.id, { applicationId: 'ivr-main' });
    await t.sb.phoneNumbers.release(admin, number.id);
    const s3 = { service: 's3' as const, name: 'Recordings', key: 'AKIAIOSFODNN7EXAMPLE' };
    const integration = await t.sb.integrations.add(
      admin,
      { ...s3, secret, endpoint: 'http://127.0.0.1:1' },
      { verify: false },
    );
    await t.sb.integrations.update(admin, integration.id, { description: 'Calls' });
    await t.sb.integrations.test(admin, integration.id);
    const rotating = await t.another({ secretKeys: `${newKeyRingEntry('k2')},${k1}` });
    await rotating.integrations.rotateKeys(operator);
    await t.sb.integrations.delete(admin, integration.id);
    await t.sb.users.delete(admin, grace.id);

    const events = await log();
    const ada = { type: 'user', id: admin.userId };
    const graceBy = { type: 'user', id: grace.id };
    const user = { type: 'user', id: grace.id };
    const seen = events.map((e) => [e.action, e.actor, e.target, e.changedFields]);
    expect(seen).toEqual([
      [
        'account.created',
        { type: 'operator', id: null },
        { type: 'account', id: accountId },
        ['companyName', 'demo'],
      ],
      [
        'user.added',
        { type: 'operator', id: null },
        { type: 'user', id: admin.userId },
        expect.any(Array),
      ],
      [
        'account.demo_changed',
        { type: 'operator', id: null },
        { type: 'account', id: accountId },
        ['demo'],
      ],
      ['account.updated', ada, { type: 'account', id: accountId }, ['city']],
      ['user.added', ada, user, ['firstName', 'lastName', 'email', 'isAdmin', 'permissions']],
      ['user.activation_resent', ada, user, []],
      ['user.activated', graceBy, user, ['password', 'status']],
      ['user.updated', ada, user, ['lastName']],
      ['user.password_reset_requested', ada, user, []],
      ['user.password_reset_completed', graceBy, user, ['password']],
      ['user.signed_in', graceBy, user, []],
      ['user.updated', graceBy, user, ['firstName']],
      ['user.password_changed', graceBy, user, ['password']],
      ['user.two_factor_changed', graceBy, user, ['twoFactorEnabled']],
      ['user.signed_in', graceBy, user, []],
      ['phone_number.requested', ada, { type: 'phone_number', id: number.id }, expect.any(Array)],
      ['phone_number.updated', ada, { type: 'phone_number', id: number.id }, ['applicationId']],
      ['phone_number.released', ada, { type: 'phone_number', id: number.id }, expect.any(Array)],
      ['integration.added', ada, { type: 'integration', id: integration.id }, expect.any(Array)],
      ['integration.updated', ada, { type: 'integration', id: integration.id }, ['description']],
      ['integration.tested', ada, { type: 'integration', id: integration.id }, ['status']],
      [
        'integration.resealed',
        { type: 'operator', id: null },
        { type: 'integration', id: integration.id },
        ['keyId'],
      ],
      ['integration.deleted', ada, { type: 'integration', id: integration.id }, expect.any(Array)],
      ['user.deleted', ada, user, []],
    ]);
    expect(events.every((e) => e.requestId === null && e.clientAddress === null)).toBe(true);
    // Field names only: no value of a secret, a password, a name or a city.
    const text = JSON.stringify(events);
    for (const value of [password, newPassword, secret, 'Boston', 'Murray', 'ivr-main', token])
      expect(text).not.toContain(value);
    // The rotating instance sealed its events under the new key, which it holds.
    expect(await rotating.audit.verify(admin)).toMatchObject({ ok: true, checked: events.length });
  });

  it('keeps the request id and client address of the request that caused each event (E2)', async () => {
    const request = { requestId: 'req-admin', clientAddress: '198.51.100.7' };
    const grace = await t.sb.users.add(
      { ...admin, request },
      person('Grace', 'H', 'grace@acme.test'),
    );
    const origin = { requestId: 'req-activate', clientAddress: '203.0.113.9' };
    await t.sb.mail.idle();
    await t.sb.identity.activate({ token: await linkToken('grace@acme.test'), password }, origin);
    await t.sb.identity.login(
      { email: 'grace@acme.test', password },
      { requestId: 'req-login', clientAddress: '203.0.113.10' },
    );
    await t.sb.me.setTwoFactor(await t.sb.identity.actorFor(grace.id), { enabled: true, password });
    const challenge = (await t.sb.identity.login({ email: 'grace@acme.test', password })) as {
      challenge: { id: string };
    };
    await t.sb.identity.verifyLogin(
      { challengeId: challenge.challenge.id, code: await signInCode('grace@acme.test') },
      { requestId: 'req-code', clientAddress: '203.0.113.11' },
    );
    const events = (await log()).filter((e) => e.target.id === grace.id);
    expect(events.map((e) => [e.action, e.requestId, e.clientAddress])).toEqual([
      ['user.added', 'req-admin', '198.51.100.7'],
      ['user.activated', 'req-activate', '203.0.113.9'],
      ['user.signed_in', 'req-login', '203.0.113.10'],
      ['user.two_factor_changed', null, null],
      ['user.signed_in', 'req-code', '203.0.113.11'],
    ]);
  });
});
