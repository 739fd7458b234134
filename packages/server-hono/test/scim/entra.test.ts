import { scimUrns } from '@switchboard/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScimHarness, scimHarness } from '../support/scim-harness.js';

type Json = Record<string, unknown>;
const json = async (response: Response) => (await response.json()) as Json;
const patchOp = (...Operations: Json[]) => ({ schemas: [scimUrns.patchOp], Operations });

/**
 * The requests Microsoft Entra ID's provisioning service sends (from Microsoft's "Develop a
 * SCIM endpoint" protocol examples and its known PATCH quirks): a create with the enterprise
 * extension and a UPN-style userName, filters by userName and externalId, PATCH `Replace`
 * with string booleans and `emails[type eq "work"].value` paths, `Add` of attributes not
 * kept, and a delete.
 */
describe('Microsoft Entra ID’s provisioning requests', () => {
  let h: ScimHarness;
  let id = '';
  const email = 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2b@testuser.com';

  beforeAll(async () => {
    h = await scimHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('queries a user that does not exist yet: zero results', async () => {
    const filter = encodeURIComponent('userName eq "non-existent user"');
    const response = await h.scim('GET', `/Users?excludedAttributes=groups&filter=${filter}`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('creates a user from Entra’s body: the work email when userName is a UPN', async () => {
    const response = await h.scim('POST', '/Users', {
      body: {
        schemas: [scimUrns.user, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
        active: true,
        emails: [{ primary: true, type: 'work', value: email }],
        meta: { resourceType: 'User' },
        name: {
          formatted: 'givenName familyName',
          familyName: 'familyName',
          givenName: 'givenName',
        },
        roles: [],
      },
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
    const user = await json(response);
    id = String(user.id);
    expect(user).toMatchObject({
      userName: email,
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    });
  });

  it('finds the user by externalId and by userName', async () => {
    for (const filter of [
      'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"',
      `userName eq "${email.toLowerCase()}"`,
    ]) {
      const body = await json(await h.scim('GET', `/Users?filter=${encodeURIComponent(filter)}`));
      expect(body.totalResults, filter).toBe(1);
    }
  });

  it('updates multi-valued and single-valued attributes with Replace', async () => {
    const response = await h.scim('PATCH', `/Users/${id}`, {
      body: patchOp(
        {
          op: 'Replace',
          path: 'emails[type eq "work"].value',
          value: 'updatedEmail@microsoft.com',
        },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ),
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      userName: 'updatedEmail@microsoft.com',
      name: { familyName: 'updatedFamilyName' },
    });
    const single = await h.scim('PATCH', `/Users/${id}`, {
      body: patchOp({
        op: 'Replace',
        path: 'userName',
        value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
      }),
    });
    expect(await json(single)).toMatchObject({
      userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
    });
  });

  it('takes Add of attributes it does not keep, and of the extension’s flags', async () => {
    const response = await h.scim('PATCH', `/Users/${id}`, {
      body: patchOp(
        { op: 'Add', path: 'displayName', value: 'Someone' },
        { op: 'Add', path: 'title', value: 'Engineer' },
        {
          op: 'Add',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'R&D',
        },
        { op: 'Add', path: `${scimUrns.switchboardUser}:canShare`, value: 'True' },
      ),
    });
    expect(response.status).toBe(200);
    expect((await json(response))[scimUrns.switchboardUser]).toEqual({
      isAdmin: false,
      canCreate: false,
      canShare: true,
    });
  });

  it('disables the user with Replace active "False": their session fails at once', async () => {
    const session = await h.activate('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
    expect((await h.api('GET', '/v1/me', session)).status).toBe(200);
    const response = await h.scim('PATCH', `/Users/${id}`, {
      body: patchOp({ op: 'Replace', path: 'active', value: 'False' }),
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ active: false });
    expect((await h.api('GET', '/v1/me', session)).status).toBe(401);
    const signIn = await h.app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
        password: 'correct horse battery staple',
      }),
    });
    expect(signIn.status).toBe(401);
    expect(await json(signIn)).toMatchObject({ code: 'invalid_credentials' });
    const events = await json(
      await h.api('GET', '/v1/audit-events?action=user.deactivated', h.adminToken),
    );
    expect(events.data).toMatchObject([{ actor: { type: 'scim' }, requestId: expect.any(String) }]);
  });

  it('re-enables with Replace active "True" and deletes with DELETE (204, then 404)', async () => {
    const enabled = await h.scim('PATCH', `/Users/${id}`, {
      body: patchOp({ op: 'Replace', path: 'active', value: 'True' }),
    });
    expect(await json(enabled)).toMatchObject({ active: true });
    expect((await h.scim('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await h.scim('GET', `/Users/${id}`)).status).toBe(404);
  });
});
