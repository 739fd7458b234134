import { scimUrns } from '@switchboard/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScimHarness, scimHarness } from '../support/scim-harness.js';

type Json = Record<string, unknown> & {
  Resources?: Json[];
  totalResults?: number;
  name?: Json;
  emails?: Json[];
};
const json = async (response: Response) => (await response.json()) as Json;

/**
 * The requests of Okta's "SCIM 2.0 SPEC Test" suite (its Runscope/Postman checks, run by
 * Okta before an app is listed), in its order, with the bodies Okta sends, and the updates
 * Okta makes once a user is assigned: a PUT of the whole user, a PATCH of `active`.
 */
describe('Okta’s SCIM 2.0 spec test, in order', () => {
  let h: ScimHarness;
  const randomUsername = 'Karli.Ziemann@example.com';
  let userId = '';

  beforeAll(async () => {
    h = await scimHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('Test Users endpoint: GET /Users?count=1&startIndex=1 is a ListResponse', async () => {
    const response = await h.scim('GET', '/Users?count=1&startIndex=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/scim+json');
    const body = await json(response);
    expect(body.schemas).toEqual([scimUrns.listResponse]);
    expect(body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    const [first] = body.Resources ?? [];
    expect(first).toMatchObject({ userName: 'ada@acme.test', active: true });
    expect(first?.id).toEqual(expect.any(String));
    expect(first?.name).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace' });
    expect(first?.emails).toEqual([{ value: 'ada@acme.test', type: 'work', primary: true }]);
  });

  it('Get Users/{{id}}: the user of the list', async () => {
    const list = await json(await h.scim('GET', '/Users?count=1&startIndex=1'));
    const id = String(list.Resources?.[0]?.id);
    const response = await h.scim('GET', `/Users/${id}`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ id, userName: 'ada@acme.test' });
  });

  it('Test invalid User by username: 200 with no Resources', async () => {
    const response = await h.scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`,
    );
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('Test invalid User by ID: 404 as a SCIM error', async () => {
    const response = await h.scim('GET', '/Users/010101001010101011');
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({
      schemas: [scimUrns.error],
      status: '404',
      detail: expect.any(String),
    });
  });

  it('Make sure random user doesn’t exist', async () => {
    const filter = encodeURIComponent(`userName eq "${randomUsername}"`);
    expect(await json(await h.scim('GET', `/Users?filter=${filter}`))).toMatchObject({
      totalResults: 0,
    });
  });

  it('Create Okta user with realistic values: 201, active, with an id', async () => {
    const response = await h.scim('POST', '/Users', {
      body: {
        schemas: [scimUrns.user],
        userName: randomUsername,
        name: { givenName: 'Karli', familyName: 'Ziemann' },
        emails: [{ primary: true, value: randomUsername, type: 'work' }],
        displayName: 'Karli Ziemann',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
    });
    expect(response.status).toBe(201);
    const user = await json(response);
    userId = String(user.id);
    expect(user).toMatchObject({
      active: true,
      userName: randomUsername,
      externalId: '00ujl29u0le5T6Aj10h7',
      name: { givenName: 'Karli', familyName: 'Ziemann' },
      meta: { resourceType: 'User', version: '"1"' },
    });
    expect(response.headers.get('location')).toBe(`http://localhost/scim/v2/Users/${userId}`);
    expect(response.headers.get('etag')).toBe('"1"');
    // The password Okta pushed is ignored: the user sets one from their activation email.
    await h.sb.mail.idle();
    expect(h.sent.at(-1)).toMatchObject({
      to: randomUsername,
      subject: 'Activate your Acme account',
    });
  });

  it('Verify that user was created', async () => {
    expect(await json(await h.scim('GET', `/Users/${userId}`))).toMatchObject({
      id: userId,
      userName: randomUsername,
      name: { familyName: 'Ziemann' },
    });
  });

  it('Expect failure when recreating user with same values: 409 uniqueness', async () => {
    const response = await h.scim('POST', '/Users', {
      body: {
        schemas: [scimUrns.user],
        userName: randomUsername,
        name: { givenName: 'Karli', familyName: 'Ziemann' },
        emails: [{ primary: true, value: randomUsername, type: 'work' }],
        active: true,
      },
    });
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({
      schemas: [scimUrns.error],
      status: '409',
      scimType: 'uniqueness',
    });
  });

  it('Username Case Sensitivity Check: userName eq in other case finds the user', async () => {
    const filter = encodeURIComponent(`userName eq "${randomUsername.toUpperCase()}"`);
    const body = await json(await h.scim('GET', `/Users?filter=${filter}`));
    expect(body.totalResults).toBe(1);
    expect(body.Resources?.[0]?.id).toBe(userId);
  });

  it('Verify Groups endpoint: an empty ListResponse', async () => {
    const response = await h.scim('GET', '/Groups');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      schemas: [scimUrns.listResponse],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('Check status 401: a wrong token is refused', async () => {
    const response = await h.scim('GET', '/Users', { token: 'not-a-token' });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ schemas: [scimUrns.error], status: '401' });
  });

  it('updates a profile with PUT of the whole user, as Okta pushes it', async () => {
    const current = await json(await h.scim('GET', `/Users/${userId}`));
    const response = await h.scim('PUT', `/Users/${userId}`, {
      body: { ...current, name: { givenName: 'Karla', familyName: 'Ziemann' }, password: 'x' },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      name: { givenName: 'Karla' },
      meta: { version: '"2"' },
    });
  });

  it('deactivates and reactivates with Okta’s PATCH of active without a path', async () => {
    const patch = (active: boolean) =>
      h.scim('PATCH', `/Users/${userId}`, {
        body: {
          schemas: [scimUrns.patchOp],
          Operations: [{ op: 'replace', value: { active } }],
        },
      });
    expect(await json(await patch(false))).toMatchObject({ active: false });
    const filter = encodeURIComponent('active eq false');
    expect((await json(await h.scim('GET', `/Users?filter=${filter}`))).totalResults).toBe(1);
    expect(await json(await patch(true))).toMatchObject({ active: true });
  });
});
