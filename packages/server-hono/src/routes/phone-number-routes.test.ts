import type { Actor, Switchboard } from '@switchboard/core';
import { operatorActor } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

describe('phone-number routes', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;
  let admin: Actor;
  let member: Actor;
  let signedIn: Actor;

  const call = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    ({ sb } = inMemorySwitchboard());
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await sb.identity.actorFor(created.admin.id);
    member = await sb.identity.actorFor(
      (await sb.users.add(admin, { firstName: 'G', lastName: 'H', email: 'g@acme.test' })).id,
    );
    signedIn = admin;
    app = createSwitchboardApp(sb, { authenticate: () => signedIn });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('requests (201), lists, changes the owner and releases (204)', async () => {
    const created = await call('POST', '/v1/phone-numbers', { type: 'toll_free', pci: true });
    expect(created.status).toBe(201);
    const number = await created.json();
    expect(number).toMatchObject({
      number: expect.stringMatching(/^\+18\d{9}$/),
      ownerId: admin.userId,
      pci: true,
      applicationId: null,
    });

    const owned = await call('PATCH', `/v1/phone-numbers/${number.id}`, { ownerId: member.userId });
    expect((await owned.json()).ownerId).toBe(member.userId);

    signedIn = member;
    const page = await (await call('GET', '/v1/phone-numbers')).json();
    expect(page.data.map((n: { id: string }) => n.id)).toEqual([number.id]);
    const deployed = await call('PATCH', `/v1/phone-numbers/${number.id}`, {
      applicationId: 'ivr-main',
    });
    expect((await deployed.json()).applicationId).toBe('ivr-main');
    expect((await call('DELETE', `/v1/phone-numbers/${number.id}`)).status).toBe(403);

    signedIn = admin;
    expect((await call('DELETE', `/v1/phone-numbers/${number.id}`)).status).toBe(204);
    expect((await (await call('GET', '/v1/phone-numbers')).json()).data).toEqual([]);
  });

  it('answers 422 contact_support with a pointer for local, specific, vanity and RESPORG', async () => {
    for (const type of ['local', 'specific', 'vanity', 'resporg']) {
      const response = await call('POST', '/v1/phone-numbers', { type });
      expect(response.status).toBe(422);
      const problem = await response.json();
      expect(problem.code).toBe('contact_support');
      expect(problem.detail).toMatch(/contact support/i);
    }
    expect((await call('POST', '/v1/phone-numbers', { type: 'satellite' })).status).toBe(400);
  });

  it('answers 409 demo_number_limit to a second request on a demo account', async () => {
    await sb.operator.setDemo(operatorActor(), admin.accountId, { demo: true });
    expect((await call('POST', '/v1/phone-numbers', { type: 'toll_free' })).status).toBe(201);
    const second = await call('POST', '/v1/phone-numbers', { type: 'toll_free' });
    expect(second.status).toBe(409);
    expect((await second.json()).code).toBe('demo_number_limit');
  });

  it('hides a number from a member who does not own it (404)', async () => {
    const number = await (await call('POST', '/v1/phone-numbers', { type: 'toll_free' })).json();
    signedIn = member;
    expect(
      (await call('PATCH', `/v1/phone-numbers/${number.id}`, { applicationId: 'x' })).status,
    ).toBe(404);
  });
});
