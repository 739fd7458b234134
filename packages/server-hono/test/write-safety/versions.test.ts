import { afterEach, describe, expect, it } from 'vitest';
import { type AcmeApp, acmeApp } from '../support/acme-app.js';

const grace = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@acme.test' };

describe('versions over HTTP: ETag, If-Match, If-None-Match (C1)', () => {
  let acme: AcmeApp;
  afterEach(async () => {
    await acme.sb.close();
  });

  const addGrace = async () => {
    const added = await acme.call('POST', '/v1/users', { body: grace });
    return { response: added, user: (await added.json()) as { id: string; version: number } };
  };

  it('sends the version as ETag on every answer with one resource, and in the body', async () => {
    acme = await acmeApp();
    const { response, user } = await addGrace();
    expect(response.headers.get('etag')).toBe('"1"');
    expect(user.version).toBe(1);
    const got = await acme.call('GET', `/v1/users/${user.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    const patched = await acme.call('PATCH', `/v1/users/${user.id}`, {
      body: { lastName: 'Murray' },
    });
    expect(patched.headers.get('etag')).toBe('"2"');
    expect((await acme.call('GET', '/v1/account')).headers.get('etag')).toBe('"1"');
    expect((await acme.call('GET', '/v1/me')).headers.get('etag')).toMatch(/^"\d+"$/);
    const number = await acme.call('POST', '/v1/phone-numbers', { body: { type: 'toll_free' } });
    expect(number.headers.get('etag')).toBe(
      `"${((await number.json()) as { version: number }).version}"`,
    );
    // A page of many is not one resource: no ETag.
    expect((await acme.call('GET', '/v1/users')).headers.get('etag')).toBeNull();
  });

  it('changes the resource when If-Match names its current version or *', async () => {
    acme = await acmeApp();
    const { user } = await addGrace();
    const current = await acme.call('PATCH', `/v1/users/${user.id}`, {
      body: { lastName: 'Murray' },
      headers: { 'if-match': '"1"' },
    });
    expect(current.status).toBe(200);
    const any = await acme.call('PATCH', `/v1/users/${user.id}`, {
      body: { lastName: 'Hopper' },
      headers: { 'if-match': '*' },
    });
    expect(any.headers.get('etag')).toBe('"3"');
    const deleted = await acme.call('DELETE', `/v1/users/${user.id}`, {
      headers: { 'if-match': '"3"' },
    });
    expect(deleted.status).toBe(204);
  });

  it.each([
    ['a stale version', '"1"'],
    ['a weak tag', 'W/"2"'],
    ['a malformed tag', '2'],
  ])('answers 412 to %s and changes nothing', async (_, tag) => {
    acme = await acmeApp();
    const { user } = await addGrace();
    await acme.call('PATCH', `/v1/users/${user.id}`, { body: { lastName: 'Murray' } });
    for (const [method, body] of [
      ['PATCH', { lastName: 'Stale' }],
      ['DELETE', undefined],
    ] as const) {
      const refused = await acme.call(method, `/v1/users/${user.id}`, {
        ...(body ? { body } : {}),
        headers: { 'if-match': tag },
      });
      expect(refused.status).toBe(412);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(await refused.json()).toMatchObject({ code: 'precondition_failed' });
    }
    const stored = (await (await acme.call('GET', `/v1/users/${user.id}`)).json()) as object;
    expect(stored).toMatchObject({ lastName: 'Murray', version: 2 });
  });

  it('answers 412 on every versioned resource: account, phone number, integration name edit', async () => {
    acme = await acmeApp();
    await acme.call('PATCH', '/v1/account', { body: { city: 'Boston' } });
    const account = await acme.call('PATCH', '/v1/account', {
      body: { city: 'Albany' },
      headers: { 'if-match': '"1"' },
    });
    expect(account.status).toBe(412);
    const number = (await (
      await acme.call('POST', '/v1/phone-numbers', { body: { type: 'toll_free' } })
    ).json()) as { id: string; version: number };
    const stale = `"${number.version + 1}"`;
    expect(
      (
        await acme.call('PATCH', `/v1/phone-numbers/${number.id}`, {
          body: { applicationId: 'app_1' },
          headers: { 'if-match': stale },
        })
      ).status,
    ).toBe(412);
    expect(
      (
        await acme.call('DELETE', `/v1/phone-numbers/${number.id}`, {
          headers: { 'if-match': stale },
        })
      ).status,
    ).toBe(412);
    expect(
      (
        await acme.call('DELETE', `/v1/phone-numbers/${number.id}`, {
          headers: { 'if-match': `"${number.version}"` },
        })
      ).status,
    ).toBe(204);
  });

  it('answers a GET naming the current version in If-None-Match with 304 and no body', async () => {
    acme = await acmeApp();
    const { user } = await addGrace();
    const unchanged = await acme.call('GET', `/v1/users/${user.id}`, {
      headers: { 'if-none-match': '"1"' },
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe('"1"');
    expect(await unchanged.text()).toBe('');
    await acme.call('PATCH', `/v1/users/${user.id}`, { body: { lastName: 'Murray' } });
    const changed = await acme.call('GET', `/v1/users/${user.id}`, {
      headers: { 'if-none-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ lastName: 'Murray' });
  });

  it('with requireIfMatch, refuses a write without If-Match (428) and takes one with it', async () => {
    acme = await acmeApp({ app: { requireIfMatch: true } });
    const { user } = await addGrace();
    const bare = await acme.call('PATCH', `/v1/users/${user.id}`, { body: { lastName: 'Murray' } });
    expect(bare.status).toBe(428);
    expect(await bare.json()).toMatchObject({ code: 'precondition_required' });
    const named = await acme.call('PATCH', `/v1/users/${user.id}`, {
      body: { lastName: 'Murray' },
      headers: { 'if-match': '"1"' },
    });
    expect(named.status).toBe(200);
  });
});
