import { runInNewContext } from 'node:vm';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './create-client.js';
import {
  ConflictError,
  isSwitchboardApiError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthenticatedError,
  ValidationError,
} from './errors/api-error-kinds.js';
import { isConnectionError } from './errors/connection-error.js';
import { ResponseShapeError } from './errors/response-shape-error.js';

const baseUrl = 'https://api.switchboard.test/admin';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const account = {
  id: 'acc_0123456789abcdef',
  companyName: 'Acme',
  address: null,
  city: null,
  state: null,
  zip: null,
  phoneNumber: null,
  demo: false,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 1,
};

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(
    {
      type: `urn:switchboard:problem:${code}`,
      title: 'Title',
      status,
      code,
      detail: `Detail of ${code}`,
      ...extra,
    },
    {
      status,
      headers: {
        'content-type': 'application/problem+json',
        'x-request-id': 'req-42',
        ...(extra.headers as object),
      },
    },
  );

const client = createClient({ baseUrl, token: 'session-token', retry: 2, timeoutMs: 2000 });

describe('createClient over the network', () => {
  it('sends the bearer token under the base URL prefix and parses the answer', async () => {
    let seen: { url: string; auth: string | null } | undefined;
    server.use(
      http.get(`${baseUrl}/v1/account`, ({ request }) => {
        seen = { url: request.url, auth: request.headers.get('authorization') };
        return HttpResponse.json(account);
      }),
    );
    expect(await client.account.get()).toEqual(account);
    expect(seen).toEqual({ url: `${baseUrl}/v1/account`, auth: 'Bearer session-token' });
  });

  it('turns problem+json into the matching error class with code, issues and request id', async () => {
    server.use(
      http.patch(`${baseUrl}/v1/account`, () =>
        problem(400, 'validation_failed', {
          issues: [{ path: 'zip', message: 'Expected a ZIP code' }],
        }),
      ),
      http.get(`${baseUrl}/v1/users/:id`, () => problem(404, 'not_found')),
      http.post(`${baseUrl}/v1/users`, () => problem(409, 'email_taken')),
    );
    const invalid = await client.account.update({ zip: 'x' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({
      status: 400,
      code: 'validation_failed',
      requestId: 'req-42',
      issues: [{ path: 'zip', message: 'Expected a ZIP code' }],
    });
    expect((invalid as Error).message).toContain(
      `PATCH ${baseUrl}/v1/account failed with 400 validation_failed`,
    );

    expect(await client.users.get('usr_nope').catch((e: unknown) => e)).toBeInstanceOf(
      NotFoundError,
    );
    const taken = await client.users
      .add({ firstName: 'A', lastName: 'B', email: 'a@b.test' })
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    expect(isSwitchboardApiError(taken, 'email_taken')).toBe(true);
    expect(isSwitchboardApiError(taken, 'last_admin')).toBe(false);
  });

  it('reads Retry-After into RateLimitedError and does not retry a POST', async () => {
    let calls = 0;
    server.use(
      http.post(`${baseUrl}/v1/auth/login`, () => {
        calls++;
        return problem(429, 'rate_limited', { headers: { 'retry-after': '120' } });
      }),
    );
    const error = await client.auth
      .login({ email: 'a@b.test', password: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfter).toBe(120);
    expect(calls).toBe(1);
  });

  it('retries a GET after a 503 and then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/v1/account`, () => {
        calls++;
        return calls === 1 ? problem(503, 'unavailable') : HttpResponse.json(account);
      }),
    );
    expect(await client.account.get()).toEqual(account);
    expect(calls).toBe(2);
  });

  it('never retries a PATCH after a 503', async () => {
    let calls = 0;
    server.use(
      http.patch(`${baseUrl}/v1/account`, () => {
        calls++;
        return problem(503, 'unavailable');
      }),
    );
    expect(await client.account.update({ city: 'Boston' }).catch((e: unknown) => e)).toBeInstanceOf(
      ServerError,
    );
    expect(calls).toBe(1);
  });

  it('makes a ServerError of a proxy’s HTML error page', async () => {
    server.use(
      http.post(
        `${baseUrl}/v1/auth/logout`,
        () =>
          new HttpResponse('<html>Bad Gateway</html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const error = await client.auth.logout().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, code: 'unavailable' });
  });

  it('makes a ConnectionError when the network fails', async () => {
    server.use(http.get(`${baseUrl}/healthz`, () => HttpResponse.error()));
    const error = await createClient({ baseUrl, retry: 0 })
      .health()
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toContain(`GET ${baseUrl}/healthz got no answer`);
  });

  it('refuses a 2xx answer that breaks the contract', async () => {
    server.use(
      http.get(`${baseUrl}/v1/account`, () => HttpResponse.json({ ...account, demo: 'yes' })),
    );
    await expect(client.account.get()).rejects.toThrow(/unexpected body: demo/);
  });

  it('does not sit out a long Retry-After on a GET: throws RateLimitedError at once', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/v1/account`, () => {
        calls++;
        return problem(429, 'rate_limited', { headers: { 'retry-after': '120' } });
      }),
    );
    const error = await client.account.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfter).toBe(120);
    expect(calls).toBe(1); // not retried (waiting 120 s would also run past the test's timeout)
  });

  it('waits out a short Retry-After on a GET before retrying', async () => {
    const times: number[] = [];
    server.use(
      http.get(`${baseUrl}/v1/account`, () => {
        times.push(Date.now());
        return times.length === 1
          ? problem(503, 'unavailable', { headers: { 'retry-after': '1' } })
          : HttpResponse.json(account);
      }),
    );
    expect(await client.account.get()).toEqual(account);
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('makes a ResponseShapeError, not a ConnectionError, of a 2xx answer that is not JSON', async () => {
    server.use(
      http.get(
        `${baseUrl}/v1/account`,
        () => new HttpResponse('<html>Welcome</html>', { status: 200 }),
      ),
    );
    const error = await client.account.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`GET ${baseUrl}/v1/account answered with`);
  });

  it('makes a ConnectionError when an attempt times out', async () => {
    server.use(
      http.get(`${baseUrl}/healthz`, async () => {
        await delay(1_000);
        return HttpResponse.json({ ok: true });
      }),
    );
    const error = await createClient({ baseUrl, retry: 0, timeoutMs: 100 })
      .health()
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/got no answer: .*timed out/i);
  });

  it('recognises errors from another realm by name', () => {
    const foreign: unknown = runInNewContext(
      "Object.assign(new Error('x'), { name: 'NotFoundError', status: 404, code: 'not_found' })",
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isSwitchboardApiError(foreign)).toBe(true);
    expect(isSwitchboardApiError(foreign, 'not_found')).toBe(true);
    expect(isSwitchboardApiError(foreign, 'email_taken')).toBe(false);
    expect(
      isConnectionError(
        runInNewContext("Object.assign(new Error('x'), { name: 'SwitchboardConnectionError' })"),
      ),
    ).toBe(true);
    expect(isSwitchboardApiError(new Error('plain'))).toBe(false);
  });

  it('walks every page with for await', async () => {
    const user = (n: number) => ({
      id: `usr_${String(n).padStart(12, '0')}`,
      firstName: `F${n}`,
      lastName: 'L',
      email: `u${n}@acme.test`,
      isAdmin: false,
      permissions: { canCreate: false, canShare: false },
      twoFactorEnabled: false,
      status: 'active',
      createdAt: account.createdAt,
      updatedAt: account.createdAt,
      version: 1,
    });
    const cursors: (string | null)[] = [];
    server.use(
      http.get(`${baseUrl}/v1/users`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        return cursor === null
          ? HttpResponse.json({ data: [user(1), user(2)], nextCursor: 'c2' })
          : HttpResponse.json({ data: [user(3)], nextCursor: null });
      }),
    );
    const seen: string[] = [];
    for await (const u of client.users.list({ limit: 2 })) seen.push(u.firstName);
    expect(seen).toEqual(['F1', 'F2', 'F3']);
    expect(cursors).toEqual([null, 'c2']);
  });

  it('answers 401s with UnauthenticatedError; withToken swaps the token', async () => {
    server.use(
      http.get(`${baseUrl}/v1/me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json({})
          : problem(401, 'unauthenticated'),
      ),
    );
    expect(await client.me.get().catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
    await expect(client.withToken('fresh').me.get()).rejects.toThrow(/unexpected body/);
  });
});
