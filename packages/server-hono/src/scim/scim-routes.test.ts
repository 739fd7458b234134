import { scimUrns } from '@switchboard/contract';
import { operatorActor } from '@switchboard/core';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScimHarness, scimHarness } from '../../test/support/scim-harness.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

type Json = Record<string, unknown>;
const json = async (response: Response) => (await response.json()) as Json;
const user = (email: string) => ({
  schemas: [scimUrns.user],
  userName: email,
  name: { givenName: 'Test', familyName: 'User' },
});

describe('/scim/v2', () => {
  let h: ScimHarness;

  beforeEach(async () => {
    h = await scimHarness({ maxBodyBytes: 4096 });
  });
  afterEach(async () => {
    await h.close();
  });

  /** The SCIM error an answer is, with its status. */
  const scimError = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('content-type'),
    body: await json(response),
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
    const config = await json(await h.scim('GET', '/ServiceProviderConfig'));
    expect(config).toMatchObject({
      schemas: [scimUrns.serviceProviderConfig],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const types = await json(await h.scim('GET', '/ResourceTypes'));
    expect(types.Resources).toMatchObject([
      { id: 'User', endpoint: '/Users', schemaExtensions: [{ schema: scimUrns.switchboardUser }] },
      { id: 'Group', endpoint: '/Groups' },
    ]);
    const schemas = await json(await h.scim('GET', '/Schemas'));
    expect((schemas.Resources as Json[]).map((s) => s.id)).toEqual([
      scimUrns.user,
      scimUrns.switchboardUser,
      scimUrns.group,
    ]);
  });

  it('answers 401 as a SCIM error without a token, with a session token, or a revoked one', async () => {
    for (const token of [null, h.adminToken]) {
      const response = await h.scim('GET', '/Users', { token });
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await scimError(response)).toMatchObject({
        status: 401,
        type: 'application/scim+json',
        body: { schemas: [scimUrns.error], status: '401' },
      });
    }
    expect((await h.scim('GET', '/Users')).status).toBe(200);
    const list = await json(await h.api('GET', '/v1/scim-tokens', h.adminToken));
    const [token] = list.data as { id: string; lastUsedAt: string | null }[];
    expect(token?.lastUsedAt).toEqual(expect.any(String));
    expect((await h.api('DELETE', `/v1/scim-tokens/${token?.id}`, h.adminToken)).status).toBe(204);
    expect((await h.scim('GET', '/Users')).status).toBe(401);
  });

  it('rate-limits wrong tokens per client address: 429 with Retry-After', async () => {
    const wrong = () =>
      h.scim('GET', '/Users', {
        token: 'swb_scim_wrong',
        headers: { 'x-forwarded-for': '198.51.100.4' },
      });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const limited = await wrong();
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await scimError(limited)).toMatchObject({ status: 429, body: { status: '429' } });
    expect((await h.scim('GET', '/Users')).status).toBe(200);
  });

  it('limits bodies like the API, and refuses what is not JSON', async () => {
    const big = { ...user('big@acme.test'), displayName: 'x'.repeat(5000) };
    expect(await scimError(await h.scim('POST', '/Users', { body: big }))).toMatchObject({
      status: 413,
      body: { status: '413' },
    });
    const text = await h.scim('POST', '/Users', {
      body: JSON.stringify(user('t@acme.test')),
      headers: { 'content-type': 'text/plain' },
    });
    expect(await scimError(text)).toMatchObject({ status: 415 });
    const broken = await h.scim('POST', '/Users', { body: '{"userName":' });
    expect(await scimError(broken)).toMatchObject({
      status: 400,
      body: { scimType: 'invalidSyntax' },
    });
  });

  it('answers 400 with the right scimType for filters, values and paths', async () => {
    const filter = await h.scim('GET', `/Users?filter=${encodeURIComponent('userName sw "a"')}`);
    expect(await scimError(filter)).toMatchObject({
      status: 400,
      body: { scimType: 'invalidFilter' },
    });
    const startIndex = await h.scim('GET', '/Users?startIndex=first');
    expect(await scimError(startIndex)).toMatchObject({
      status: 400,
      body: { scimType: 'invalidValue' },
    });
    const created = await json(await h.scim('POST', '/Users', { body: user('p@acme.test') }));
    const bad = (Operations: Json[]) =>
      h.scim('PATCH', `/Users/${created.id}`, {
        body: { schemas: [scimUrns.patchOp], Operations },
      });
    expect(
      await scimError(await bad([{ op: 'replace', path: 'name[', value: 'x' }])),
    ).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(await scimError(await bad([{ op: 'remove' }]))).toMatchObject({
      status: 400,
      body: { scimType: 'noTarget' },
    });
    expect(await scimError(await bad([{ op: 'move', path: 'active' }]))).toMatchObject({
      status: 400,
      body: { scimType: 'invalidValue' },
    });
    const noName = await h.scim('POST', '/Users', { body: { userName: 'q@acme.test' } });
    expect(await scimError(noName)).toMatchObject({
      status: 400,
      body: { scimType: 'invalidValue', detail: expect.stringContaining('name.givenName') },
    });
  });

  it('keeps the last active admin: 409 naming last_admin', async () => {
    const list = await json(
      await h.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "ada@acme.test"')}`),
    );
    const ada = (list.Resources as Json[])[0];
    const response = await h.scim('PATCH', `/Users/${ada?.id}`, {
      body: {
        schemas: [scimUrns.patchOp],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      },
    });
    expect(await scimError(response)).toMatchObject({
      status: 409,
      body: { status: '409', detail: expect.stringContaining('last_admin') },
    });
    expect((await h.scim('DELETE', `/Users/${ada?.id}`)).status).toBe(409);
  });

  it('names versions by ETag: If-Match (strong or weak) and If-None-Match', async () => {
    const created = await h.scim('POST', '/Users', { body: user('v@acme.test') });
    const { id } = await json(created);
    expect(
      (await h.scim('GET', `/Users/${id}`, { headers: { 'if-none-match': '"1"' } })).status,
    ).toBe(304);
    const patch = (ifMatch: string) =>
      h.scim('PATCH', `/Users/${id}`, {
        body: {
          schemas: [scimUrns.patchOp],
          Operations: [{ op: 'replace', path: 'name.givenName', value: ifMatch }],
        },
        headers: { 'if-match': ifMatch },
      });
    expect((await patch('W/"1"')).headers.get('etag')).toBe('"2"');
    expect(await scimError(await patch('"1"'))).toMatchObject({
      status: 412,
      body: { status: '412' },
    });
    expect((await patch('*')).status).toBe(200);
    expect(
      (await h.scim('DELETE', `/Users/${id}`, { headers: { 'if-match': '"2"' } })).status,
    ).toBe(412);
  });

  it('caps count at 200, with totalResults exact', async () => {
    const admin = await h.sb.identity.actorFor(
      String((await json(await h.api('GET', '/v1/me', h.adminToken))).id),
    );
    for (let i = 0; i < 205; i++)
      await h.sb.users.add(admin, { firstName: 'U', lastName: `N${i}`, email: `u${i}@acme.test` });
    const body = await json(await h.scim('GET', '/Users?count=5000'));
    expect(body).toMatchObject({ totalResults: 206, itemsPerPage: 200, startIndex: 1 });
    const last = await json(await h.scim('GET', '/Users?startIndex=201&count=100'));
    expect(last).toMatchObject({ totalResults: 206, itemsPerPage: 6, startIndex: 201 });
  });

  it('answers a method a path lacks 405 with Allow, and an unknown path 404, as SCIM errors', async () => {
    const wrong = await h.scim('DELETE', '/Users');
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await scimError(wrong)).toMatchObject({ status: 405, type: 'application/scim+json' });
    expect((await h.scim('POST', '/Groups', { body: {} })).status).toBe(405);
    expect(await scimError(await h.scim('GET', '/Nothing'))).toMatchObject({
      status: 404,
      body: { schemas: [scimUrns.error], status: '404' },
    });
  });

  it('never lets one account’s token see or touch another account’s users', async () => {
    const { id } = await json(await h.scim('POST', '/Users', { body: user('mine@acme.test') }));
    const other = await h.sb.operator.createAccount(operatorActor(), {
      companyName: 'Globex',
      admin: { firstName: 'Hank', lastName: 'Scorpio', email: 'hank@globex.test' },
    });
    const hank = await h.sb.identity.actorFor(other.admin.id);
    const { token } = await h.sb.scimTokens.create(hank);
    const globex = { token };
    expect((await h.scim('GET', `/Users/${id}`, globex)).status).toBe(404);
    expect((await h.scim('DELETE', `/Users/${id}`, globex)).status).toBe(404);
    const filter = encodeURIComponent('userName eq "mine@acme.test"');
    expect((await json(await h.scim('GET', `/Users?filter=${filter}`, globex))).totalResults).toBe(
      0,
    );
    const all = await json(await h.scim('GET', '/Users', globex));
    expect((all.Resources as Json[]).map((u) => u.userName)).toEqual(['hank@globex.test']);
  });

  it('locates resources under the prefix the app is mounted at', async () => {
    const host = new Hono().route('/admin', createSwitchboardApp(h.sb));
    const response = await host.request('/admin/scim/v2/Users?count=1', {
      headers: { authorization: `Bearer ${h.scimToken}` },
    });
    const body = await json(response);
    expect((body.Resources as { meta: { location: string } }[])[0]?.meta.location).toMatch(
      /^http:\/\/localhost\/admin\/scim\/v2\/Users\/usr_/,
    );
  });
});
