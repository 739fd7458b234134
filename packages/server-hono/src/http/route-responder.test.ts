import type { Actor, Switchboard } from '@switchboard/core';
import { operatorActor } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

describe('path parameters', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;
  let admin: Actor;

  beforeEach(async () => {
    ({ sb } = inMemorySwitchboard());
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await sb.identity.actorFor(created.admin.id);
    app = createSwitchboardApp(sb, { authenticate: () => admin });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('refuses a NUL, a line break or an overlong id with 400 naming the parameter, before any database sees it', async () => {
    for (const id of ['usr%00', 'usr_%0Aa', `usr_${'a'.repeat(200)}`, '%7F']) {
      const response = await app.request(`/v1/users/${id}`);
      expect(response.status, id).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'validation_failed',
        detail: 'The path parameter "id" is not valid',
        issues: [{ path: 'id', message: expect.any(String) }],
      });
    }
    const phoneNumber = await app.request('/v1/phone-numbers/pn%00', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(phoneNumber.status).toBe(400);
  });

  it('passes a well-formed id that names nothing to the service (404), and decodes it', async () => {
    expect((await app.request('/v1/users/usr_nosuchuser000')).status).toBe(404);
    expect((await app.request('/v1/users/usr%20x')).status).toBe(404);
    const own = await app.request(`/v1/users/${encodeURIComponent(admin.userId)}`);
    expect(own.status).toBe(200);
  });
});
