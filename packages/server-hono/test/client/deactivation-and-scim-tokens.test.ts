import {
  ConflictError,
  createClient,
  NotFoundError,
  type SwitchboardClient,
  UnauthenticatedError,
  UnprocessableError,
} from '@switchboard/client';
import { type MailMessage, operatorActor, type Switchboard } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from '../support/in-memory-switchboard.js';

const password = 'correct horse battery staple';

/** What the console needs of deactivation (U9) and SCIM tokens (S1), through the client. */
describe('the client: deactivation and SCIM tokens, against the real app', () => {
  let sb: Switchboard;
  let sent: MailMessage[];
  let client: SwitchboardClient;
  let admin: SwitchboardClient;
  let app: ReturnType<typeof createSwitchboardApp>;

  const linkToken = async (to: string) => {
    await sb.mail.idle();
    const mail = sent.filter((m) => m.to === to).at(-1);
    return (
      new URL(mail?.text.match(/https?:\/\/\S+/)?.[0] ?? 'http://x').searchParams.get('token') ?? ''
    );
  };

  beforeEach(async () => {
    ({ sb, sent } = inMemorySwitchboard());
    await sb.migrate();
    app = createSwitchboardApp(sb);
    client = createClient({
      baseUrl: 'http://switchboard.internal',
      fetch: (input, init) => app.fetch(new Request(input, init)),
      retry: 0,
    });
    await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    const session = await client.auth.activate({
      token: await linkToken('ada@acme.test'),
      password,
    });
    admin = client.withToken(session.token);
  });
  afterEach(async () => {
    await sb.close();
  });

  it('deactivates and reactivates a user, filters the list by status, and guards the rules', async () => {
    const grace = await admin.users.add({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    const graceSession = await client.auth.activate({
      token: await linkToken('grace@acme.test'),
      password,
    });
    const asGrace = client.withToken(graceSession.token);
    expect((await asGrace.me.get()).id).toBe(grace.id);

    const off = await admin.users.deactivate(grace.id, {
      ifMatch: (await admin.users.get(grace.id)).version,
    });
    expect(off.status).toBe('deactivated');
    expect(await asGrace.me.get().catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
    const deactivated = [];
    for await (const user of admin.users.list({ status: 'deactivated' })) deactivated.push(user.id);
    expect(deactivated).toEqual([grace.id]);
    expect((await admin.users.page({ status: 'active' })).data.map((u) => u.email)).toEqual([
      'ada@acme.test',
    ]);

    expect(await admin.users.sendPasswordReset(grace.id).catch((e: unknown) => e)).toBeInstanceOf(
      ConflictError,
    );
    expect((await admin.users.reactivate(grace.id)).status).toBe('active');
    expect(await client.auth.login({ email: 'grace@acme.test', password })).toHaveProperty('token');

    const me = await admin.me.get();
    const self = await admin.users.deactivate(me.id).catch((e: unknown) => e);
    expect(self).toBeInstanceOf(UnprocessableError);
    expect((self as UnprocessableError).code).toBe('cannot_deactivate_self');
  });

  it('creates a SCIM token shown once, lists it with its last use, and revokes it at once', async () => {
    const created = await admin.scimTokens.create({ description: 'Okta' });
    expect(admin.scimTokens.scimUrl()).toBe('http://switchboard.internal/scim/v2');
    expect(created.token).toMatch(/^swb_scim_/);
    const scim = (token: string) =>
      app.request('/scim/v2/Users', { headers: { authorization: `Bearer ${token}` } });
    expect((await scim(created.token)).status).toBe(200);
    const [listed] = await admin.scimTokens.list();
    expect(listed).toMatchObject({ id: created.id, description: 'Okta' });
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('token');

    await admin.scimTokens.revoke(created.id);
    expect((await scim(created.token)).status).toBe(401);
    expect(await admin.scimTokens.list()).toEqual([]);
    expect(await admin.scimTokens.revoke(created.id).catch((e: unknown) => e)).toBeInstanceOf(
      NotFoundError,
    );
  });
});
