import type { MailMessage, Switchboard } from '@switchboard/core';
import { operatorActor } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

const password = 'correct horse battery staple';
const email = 'ada@acme.test';

describe('auth and me routes', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;
  let sent: MailMessage[];
  let activationToken: string;

  const post = (path: string, body?: unknown, token?: string) =>
    app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const send = (method: string, path: string, token: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    ({ sb, sent } = inMemorySwitchboard({
      rateLimits: { perEmailAndAddress: 3, perAddress: 50 },
    }));
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email },
    });
    activationToken = new URL(created.activationLink).searchParams.get('token') ?? '';
    app = createSwitchboardApp(sb, { trustProxy: true });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('activates, signs in with a bearer session, reads /v1/me and signs out', async () => {
    const weak = await post('/v1/auth/activate', { token: activationToken, password: 'short' });
    expect(weak.status).toBe(422);
    expect((await weak.json()).code).toBe('weak_password');

    const activated = await post('/v1/auth/activate', { token: activationToken, password });
    expect(activated.status).toBe(200);
    expect((await activated.json()).user.status).toBe('active');

    const login = await post('/v1/auth/login', { email, password });
    expect(login.status).toBe(200);
    const { token, user } = await login.json();
    expect(user.email).toBe(email);

    const me = await send('GET', '/v1/me', token);
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(user.id);
    expect((await send('GET', '/v1/account', token)).status).toBe(200);

    expect((await post('/v1/auth/logout', undefined, token)).status).toBe(204);
    expect((await send('GET', '/v1/me', token)).status).toBe(401);
  });

  it('answers 422 invalid_token for a used or unknown token', async () => {
    await post('/v1/auth/activate', { token: activationToken, password });
    const again = await post('/v1/auth/activate', { token: activationToken, password });
    expect(again.status).toBe(422);
    expect((await again.json()).code).toBe('invalid_token');
  });

  it('answers 401 invalid_credentials, then 429 with Retry-After even for the right password', async () => {
    await post('/v1/auth/activate', { token: activationToken, password });
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' };
    const attempt = (pw: string) =>
      app.request('/v1/auth/login', {
        method: 'POST',
        headers,
        body: JSON.stringify({ email, password: pw }),
      });
    for (let i = 0; i < 3; i++) {
      const wrong = await attempt('not the password');
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).code).toBe('invalid_credentials');
    }
    const limited = await attempt(password);
    expect(limited.status).toBe(429);
    expect((await limited.json()).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('signs in with two-factor through a challenge and the emailed code', async () => {
    const { token } = await (
      await post('/v1/auth/activate', { token: activationToken, password })
    ).json();
    const wrong = await send('PUT', '/v1/me/two-factor', token, {
      enabled: true,
      password: 'not my password',
    });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).code).toBe('wrong_password');
    const on = await send('PUT', '/v1/me/two-factor', token, { enabled: true, password });
    expect((await on.json()).twoFactorEnabled).toBe(true);

    const login = await (await post('/v1/auth/login', { email, password })).json();
    expect(login).toEqual({ challenge: { id: expect.any(String), expiresAt: expect.any(String) } });
    await sb.mail.idle();
    const code = sent.at(-1)?.text.match(/\b(\d{6})\b/)?.[1];
    const bad = await post('/v1/auth/login/verify', {
      challengeId: login.challenge.id,
      code: code === '000000' ? '000001' : '000000',
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).code).toBe('invalid_code');
    const verified = await post('/v1/auth/login/verify', { challengeId: login.challenge.id, code });
    expect(verified.status).toBe(200);
    expect((await verified.json()).token).toEqual(expect.any(String));
  });

  it('lets a user change names and password on /v1/me, but not their email', async () => {
    const { token } = await (
      await post('/v1/auth/activate', { token: activationToken, password })
    ).json();
    const renamed = await send('PATCH', '/v1/me', token, { firstName: 'Augusta' });
    expect((await renamed.json()).firstName).toBe('Augusta');
    expect((await send('PATCH', '/v1/me', token, { email: 'x@acme.test' })).status).toBe(400);
    const wrong = await send('PUT', '/v1/me/password', token, {
      currentPassword: 'nope nope nope',
      newPassword: 'another long password',
    });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).code).toBe('wrong_password');
    const changed = await send('PUT', '/v1/me/password', token, {
      currentPassword: password,
      newPassword: 'another long password',
    });
    expect(changed.status).toBe(204);
    expect(
      (await post('/v1/auth/login', { email, password: 'another long password' })).status,
    ).toBe(200);
  });
});
