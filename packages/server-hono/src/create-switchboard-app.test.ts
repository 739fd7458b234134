import {
  type Actor,
  createSwitchboard,
  operatorActor,
  type Switchboard,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSwitchboardApp, switchboardRoutes } from './create-switchboard-app.js';

const operatorToken = 'operator-secret-token';
const newAccount = {
  companyName: 'Acme',
  admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
};

describe('createSwitchboardApp', () => {
  let sb: Switchboard;
  let admin: Actor;
  let signedIn: Actor | null;
  let app: ReturnType<typeof createSwitchboardApp>;
  const errors: unknown[] = [];

  const call = (
    method: string,
    path: string,
    init: { body?: unknown; token?: string; raw?: string } = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.raw !== undefined
        ? { body: init.raw }
        : init.body !== undefined
          ? { body: JSON.stringify(init.body) }
          : {}),
    });

  beforeEach(async () => {
    sb = createSwitchboard({
      database: sqlite(':memory:'),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
    });
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), newAccount);
    admin = await sb.identity.actorFor(created.admin.id);
    signedIn = null;
    errors.length = 0;
    app = createSwitchboardApp(sb, {
      operatorToken,
      authenticate: (request) =>
        request.headers.get('authorization') === 'Bearer user-token' ? signedIn : null,
      logger: { error: (...args: unknown[]) => void errors.push(args) },
    });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('answers /healthz', async () => {
    const response = await call('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('notes each API and SCIM request, so webhook deliveries give way to them (E4)', async () => {
    const noted = vi.spyOn(sb.serving, 'noteRequest');
    await call('GET', '/v1/account');
    expect(noted).toHaveBeenCalledTimes(1);
    await call('GET', '/scim/v2/Users');
    expect(noted).toHaveBeenCalledTimes(2);
  });

  describe('authentication', () => {
    it('answers 401 problem+json without a token', async () => {
      const response = await call('GET', '/v1/account');
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({
        type: 'urn:switchboard:problem:unauthenticated',
        status: 401,
        code: 'unauthenticated',
        title: expect.any(String),
        detail: expect.any(String),
        requestId: response.headers.get('x-request-id'),
      });
    });

    it('refuses a wrong operator token with 401 and a signed-in user on operator routes with 403', async () => {
      expect(
        (await call('POST', '/v1/operator/accounts', { body: newAccount, token: 'wrong' })).status,
      ).toBe(401);
      signedIn = admin;
      const response = await call('POST', '/v1/operator/accounts', {
        body: newAccount,
        token: 'user-token',
      });
      expect(response.status).toBe(403);
      expect((await response.json()).code).toBe('forbidden');
    });

    it('has no operator routes when no operator token is configured', async () => {
      const closed = createSwitchboardApp(sb);
      const response = await closed.request('/v1/operator/accounts', {
        method: 'POST',
        body: '{}',
      });
      expect(response.status).toBe(404);
      const document = (await (await closed.request('/openapi.json')).json()) as { paths: object };
      expect(document.paths).not.toHaveProperty('/v1/operator/accounts');
    });
  });

  describe('POST /v1/operator/accounts', () => {
    it('creates an account with a pending admin: 201 { account, admin }', async () => {
      const response = await call('POST', '/v1/operator/accounts', {
        token: operatorToken,
        body: {
          companyName: 'Globex',
          demo: true,
          admin: { firstName: 'Hank', lastName: 'Scorpio', email: 'hank@globex.test' },
        },
      });
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body.account).toMatchObject({ companyName: 'Globex', demo: true });
      expect(body.admin).toMatchObject({
        email: 'hank@globex.test',
        isAdmin: true,
        status: 'pending',
      });
      expect(JSON.stringify(body)).not.toContain('token');
    });

    it('answers 400 validation_failed with issues for invalid data, and creates nothing', async () => {
      const before = await sb.db.selectFrom('accounts').select('id').execute();
      const response = await call('POST', '/v1/operator/accounts', {
        token: operatorToken,
        body: {
          companyName: '',
          admin: { firstName: 'X', lastName: 'Y', email: 'not-an-email' },
          plan: 'gold',
        },
      });
      expect(response.status).toBe(400);
      const problem = await response.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        '',
        'admin.email',
        'companyName',
      ]);
      expect(await sb.db.selectFrom('accounts').select('id').execute()).toHaveLength(before.length);
    });

    it('answers 409 email_taken for an email in use (U1)', async () => {
      const response = await call('POST', '/v1/operator/accounts', {
        token: operatorToken,
        body: { ...newAccount, admin: { ...newAccount.admin, email: 'ADA@acme.test' } },
      });
      expect(response.status).toBe(409);
      expect((await response.json()).code).toBe('email_taken');
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await call('POST', '/v1/operator/accounts', {
        token: operatorToken,
        raw: '{"companyName":',
      });
      expect(response.status).toBe(400);
      expect((await response.json()).code).toBe('validation_failed');
    });

    it('answers 413 payload_too_large for a body over 1 MiB', async () => {
      const response = await call('POST', '/v1/operator/accounts', {
        token: operatorToken,
        body: { ...newAccount, companyName: 'x'.repeat(1024 * 1024) },
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        code: 'payload_too_large',
        detail: 'The request body is larger than 1 MiB',
      });
    });

    it('names the configured limit in the 413 answer (maxBodyBytes)', async () => {
      const small = createSwitchboardApp(sb, { operatorToken, maxBodyBytes: 2048 });
      const response = await small.request('/v1/operator/accounts', {
        method: 'POST',
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...newAccount, companyName: 'x'.repeat(4096) }),
      });
      expect(response.status).toBe(413);
      expect((await response.json()).detail).toBe('The request body is larger than 2 KiB');
    });

    it('answers 413 from a declared Content-Length over the limit, as from a counted body', async () => {
      const small = createSwitchboardApp(sb, { operatorToken, maxBodyBytes: 2048 });
      const body = JSON.stringify({ ...newAccount, companyName: 'x'.repeat(4096) });
      const response = await small.request('/v1/operator/accounts', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${operatorToken}`,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
        body,
      });
      expect(response.status).toBe(413);
      expect((await response.json()).detail).toBe('The request body is larger than 2 KiB');
    });

    it('does not tell an app with its own authentication to send a bearer token', async () => {
      const own = await (await call('GET', '/v1/account')).json();
      expect(own.detail).toBe('Sign in first');
      const sessions = await createSwitchboardApp(sb).request('/v1/account');
      expect((await sessions.json()).detail).toMatch(/Authorization: Bearer/);
    });
  });

  describe('PATCH /v1/operator/accounts/{id} (A2)', () => {
    it('sets the demo flag', async () => {
      const response = await call('PATCH', `/v1/operator/accounts/${admin.accountId}`, {
        token: operatorToken,
        body: { demo: true },
      });
      expect(response.status).toBe(200);
      expect((await response.json()).demo).toBe(true);
    });

    it('answers 404 for an unknown account', async () => {
      const response = await call('PATCH', '/v1/operator/accounts/acc_nosuchaccount', {
        token: operatorToken,
        body: { demo: true },
      });
      expect(response.status).toBe(404);
    });
  });

  describe('/v1/account (A1)', () => {
    it('lets a signed-in user read the account', async () => {
      signedIn = { ...admin, isAdmin: false };
      const response = await call('GET', '/v1/account', { token: 'user-token' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        id: admin.accountId,
        companyName: 'Acme',
        demo: false,
      });
    });

    it('lets an admin update details, normalised', async () => {
      signedIn = admin;
      const response = await call('PATCH', '/v1/account', {
        token: 'user-token',
        body: { state: 'ny', zip: '10001', phoneNumber: '212-555-0142' },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        state: 'NY',
        zip: '10001',
        phoneNumber: '+12125550142',
      });
    });

    it('answers 403 to a non-admin and changes nothing', async () => {
      signedIn = { ...admin, isAdmin: false };
      const response = await call('PATCH', '/v1/account', {
        token: 'user-token',
        body: { city: 'Albany' },
      });
      expect(response.status).toBe(403);
      expect((await sb.account.get(admin)).city).toBeNull();
    });

    it('answers 400 to the demo flag and to invalid fields, changing nothing', async () => {
      signedIn = admin;
      const demo = await call('PATCH', '/v1/account', {
        token: 'user-token',
        body: { demo: true },
      });
      expect(demo.status).toBe(400);
      const invalid = await call('PATCH', '/v1/account', {
        token: 'user-token',
        body: { city: 'Albany', zip: 'abc' },
      });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).issues).toEqual([
        { path: 'zip', message: expect.stringContaining('ZIP') },
      ]);
      expect(await sb.account.get(admin)).toMatchObject({ city: null, demo: false });
    });
  });

  describe('errors', () => {
    it('answers unknown routes with a 404 problem', async () => {
      const response = await call('GET', '/v1/nothing-here');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it('hides unexpected errors behind a 500 problem and logs them', async () => {
      signedIn = admin;
      await sb.close();
      const response = await call('GET', '/v1/account', { token: 'user-token' });
      expect(response.status).toBe(500);
      const problem = await response.json();
      expect(problem).toMatchObject({
        code: 'internal',
        detail: 'Something went wrong on our side',
      });
      expect(errors).toHaveLength(1);
      sb = createSwitchboard({ database: sqlite(':memory:'), logger: silentLogger });
    });

    it('echoes a sane x-request-id', async () => {
      const response = await app.request('/healthz', { headers: { 'x-request-id': 'req-123' } });
      expect(response.headers.get('x-request-id')).toBe('req-123');
    });

    it('gives every answer its own x-request-id, repeated in error bodies, and replaces an insane one', async () => {
      signedIn = admin;
      const answers = [
        await call('GET', '/v1/account', { token: 'user-token' }),
        await call('GET', '/v1/users/usr_missing', { token: 'user-token' }),
        await call('GET', '/v1/account'),
        await call('GET', '/v1/nothing-here'),
        await call('GET', '/openapi.json'),
        await app.request('/v1/account', { headers: { 'x-request-id': 'no spaces allowed' } }),
      ];
      const ids = answers.map((response) => response.headers.get('x-request-id'));
      expect(ids.every((id) => id && /^[\w.-]{1,100}$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(answers.length);
      for (const response of answers.slice(1, 4)) {
        expect((await response.json()).requestId).toBe(response.headers.get('x-request-id'));
      }
    });

    it('sends x-request-id with every kind of answer, JSON or not', async () => {
      signedIn = admin;
      const as = (init: RequestInit & { headers?: Record<string, string> } = {}) => ({
        ...init,
        headers: { authorization: 'Bearer user-token', ...init.headers },
      });
      const newUser = (email: string, key?: string) =>
        app.request(
          '/v1/users',
          as({
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(key ? { 'idempotency-key': key } : {}),
            },
            body: JSON.stringify({ firstName: 'Grace', lastName: 'Hopper', email }),
          }),
        );
      const created = await newUser('grace@acme.test');
      const { id } = (await created.clone().json()) as { id: string };
      const read = await app.request(`/v1/users/${id}`, as());
      const etag = read.headers.get('etag') ?? '';
      const answers: [string, Response, number][] = [
        ['201 JSON', created, 201],
        ['200 JSON with an ETag', read, 200],
        [
          '304',
          await app.request(`/v1/users/${id}`, as({ headers: { 'if-none-match': etag } })),
          304,
        ],
        ['keyed, first', await newUser('alan@acme.test', 'key-1'), 201],
        ['keyed, replayed', await newUser('alan@acme.test', 'key-1'), 201],
        ['a download', await app.request('/v1/audit-events/export?format=csv', as()), 200],
        ['204', await app.request(`/v1/users/${id}`, as({ method: 'DELETE' })), 204],
        ['405', await app.request('/v1/account', as({ method: 'DELETE' })), 405],
        ['SCIM 401', await app.request('/scim/v2/Users'), 401],
        ['SCIM 404', await app.request('/scim/v2/Nothing'), 404],
        ['docs', await app.request('/docs'), 200],
      ];
      for (const [kind, response, status] of answers) {
        expect({ kind, status: response.status }).toEqual({ kind, status });
        expect({ kind, id: response.headers.get('x-request-id') }).toEqual({
          kind,
          id: expect.stringMatching(/^[\w.-]{1,100}$/),
        });
      }
      expect(read.headers.get('content-type')).toBe('application/json');
      expect(etag).toMatch(/^"\d+"$/);
      const ids = answers.map(([, response]) => response.headers.get('x-request-id'));
      expect(new Set(ids).size).toBe(answers.length);
    });
  });

  it("keeps the headers a host's middleware adds to Switchboard's answers after next()", async () => {
    signedIn = admin;
    const host = new Hono();
    host.use('*', cors({ origin: 'https://host.example' }));
    host.use('*', async (c, next) => {
      await next();
      c.res.headers.set('x-host', 'added');
    });
    host.route('/admin', app);
    const response = await host.request('/admin/v1/account', {
      headers: { authorization: 'Bearer user-token', origin: 'https://host.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://host.example');
    expect(response.headers.get('x-host')).toBe('added');
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(response.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(((await response.json()) as { companyName: string }).companyName).toBe('Acme');
  });

  describe('OpenAPI and docs', () => {
    it('serves an OpenAPI 3.1 document listing every route', async () => {
      const document = (await (await call('GET', '/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };
      expect(document.openapi).toBe('3.1.0');
      for (const route of switchboardRoutes) {
        expect(
          document.paths[route.path]?.[route.method],
          `${route.method} ${route.path}`,
        ).toBeDefined();
      }
      expect(Object.keys(document.paths['/v1/account']?.patch?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '413']),
      );
    });

    it('serves the interactive reference at /docs with its assets', async () => {
      const page = await call('GET', '/docs');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="reference">');
      const bundle = await call('GET', '/docs/assets/api-reference.js');
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect(await bundle.text()).toContain('createApiReference');
      // Told to call nothing outside the server: no web fonts, proxy, telemetry or agent.
      const init = await (await call('GET', '/docs/assets/init.js')).text();
      expect(init).toContain('withDefaultFonts: false');
      expect(init).toContain("proxyUrl: ''");
      expect(init).toContain('telemetry: false');
      expect(init).toContain('agent: { disabled: true }');
      expect(init).toContain('mcp: { disabled: true }');
      expect((await call('GET', '/docs/assets/..%2Fpackage.json')).status).toBe(404);
    });

    it('works mounted under a prefix in another Hono app', async () => {
      const host = new Hono().route('/admin', app);
      expect((await host.request('/admin/healthz')).status).toBe(200);
      const page = await (await host.request('/admin/docs')).text();
      const asset = page.match(/src="\.\/(docs\/assets\/[^"]+)"/)?.[1];
      expect((await host.request(`/admin/${asset}`)).status).toBe(200);
    });
  });
});
