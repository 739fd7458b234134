import type { MailMessage, Switchboard } from '@switchboard/core';
import { operatorActor } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

const password = 'correct horse battery staple';

describe('users routes', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;
  let sent: MailMessage[];
  let adminToken: string;

  const call = (method: string, path: string, token: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const linkToken = (mail: MailMessage | undefined) =>
    new URL(mail?.text.match(/https?:\/\/\S+/)?.[0] ?? 'http://x').searchParams.get('token') ?? '';
  const activate = async (token: string) =>
    (await (
      await app.request('/v1/auth/activate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password }),
      })
    ).json()) as {
      token: string;
    };

  beforeEach(async () => {
    ({ sb, sent } = inMemorySwitchboard());
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    app = createSwitchboardApp(sb);
    adminToken = (await activate(new URL(created.activationLink).searchParams.get('token') ?? ''))
      .token;
    await sb.mail.idle();
    sent.length = 0;
  });
  afterEach(async () => {
    await sb.close();
  });

  it('adds a user (201), who activates from the email and signs in; the table then lists both', async () => {
    const added = await call('POST', '/v1/users', adminToken, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
      permissions: { canCreate: true },
    });
    expect(added.status).toBe(201);
    const grace = await added.json();
    expect(grace).toMatchObject({
      status: 'pending',
      isAdmin: false,
      permissions: { canCreate: true, canShare: false },
    });
    await sb.mail.idle();
    const session = await activate(linkToken(sent.at(-1)));
    expect(session.token).toEqual(expect.any(String));

    const page = await (await call('GET', '/v1/users?limit=1', adminToken)).json();
    expect(page.data).toHaveLength(1);
    expect(page.data[0].lastName).toBe('Hopper');
    const next = await (
      await call('GET', `/v1/users?limit=1&cursor=${page.nextCursor}`, adminToken)
    ).json();
    expect(next.data[0].lastName).toBe('Lovelace');
    expect(next.nextCursor).toBeNull();

    // A member is refused the admin routes.
    expect((await call('GET', '/v1/users', session.token)).status).toBe(403);
  });

  it('answers 409 email_taken, 422 two_factor_not_editable, 409 last_admin, 422 cannot_delete_self', async () => {
    const me = await (await call('GET', '/v1/me', adminToken)).json();
    const taken = await call('POST', '/v1/users', adminToken, {
      firstName: 'A',
      lastName: 'B',
      email: 'ADA@acme.test',
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).code).toBe('email_taken');
    const twoFactor = await call('PATCH', `/v1/users/${me.id}`, adminToken, {
      firstName: 'X',
      twoFactorEnabled: false,
    });
    expect(twoFactor.status).toBe(422);
    expect((await twoFactor.json()).code).toBe('two_factor_not_editable');
    const last = await call('PATCH', `/v1/users/${me.id}`, adminToken, { isAdmin: false });
    expect(last.status).toBe(409);
    expect((await last.json()).code).toBe('last_admin');
    const self = await call('DELETE', `/v1/users/${me.id}`, adminToken);
    expect(self.status).toBe(422);
    expect((await self.json()).code).toBe('cannot_delete_self');
    expect((await (await call('GET', `/v1/users/${me.id}`, adminToken)).json()).firstName).toBe(
      'Ada',
    );
  });

  it('validates the list query', async () => {
    const response = await call('GET', '/v1/users?limit=500', adminToken);
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].path).toBe('limit');
  });

  it('resets a password by email: 202, then the user completes it with 204', async () => {
    const grace = await (
      await call('POST', '/v1/users', adminToken, {
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace@acme.test',
      })
    ).json();
    await sb.mail.idle();
    const graceSession = await activate(linkToken(sent.at(-1)));
    const reset = await call('POST', `/v1/users/${grace.id}/password-reset`, adminToken);
    expect(reset.status).toBe(202);
    await sb.mail.idle();
    const mail = sent.at(-1);
    expect(mail?.subject).toBe('Reset your password');
    const done = await app.request('/v1/auth/password-reset/complete', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: linkToken(mail), password: 'a brand new passphrase' }),
    });
    expect(done.status).toBe(204);
    expect((await call('GET', '/v1/me', graceSession.token)).status).toBe(401);
  });

  it('resends activation only to pending users (202, then 409 already_active) and deletes users (204)', async () => {
    const grace = await (
      await call('POST', '/v1/users', adminToken, {
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace@acme.test',
      })
    ).json();
    expect((await call('POST', `/v1/users/${grace.id}/activation-email`, adminToken)).status).toBe(
      202,
    );
    await sb.mail.idle();
    await activate(linkToken(sent.at(-1)));
    const again = await call('POST', `/v1/users/${grace.id}/activation-email`, adminToken);
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('already_active');
    expect(
      (await call('DELETE', `/v1/users/${grace.id}?reassignTo=usr_notinthisaccount`, adminToken))
        .status,
    ).toBe(404);
    expect((await call('DELETE', `/v1/users/${grace.id}`, adminToken)).status).toBe(204);
    expect((await call('GET', `/v1/users/${grace.id}`, adminToken)).status).toBe(404);
  });
});
