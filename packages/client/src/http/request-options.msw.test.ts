import { readFileSync } from 'node:fs';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createClient } from '../create-client.js';
import { PreconditionFailedError } from '../errors/api-error-kinds.js';
import { isConnectionError } from '../errors/connection-error.js';
import type { AuthResource } from '../resources/auth-resource.js';
import type { PhoneNumbersResource } from '../resources/phone-numbers-resource.js';
import type { UsersResource } from '../resources/users-resource.js';
import type { RequestOptions } from './request-options.js';
import { retryJitter } from './retry-jitter.js';

const baseUrl = 'https://api.switchboard.test/admin';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const unavailable = () =>
  HttpResponse.json(
    { type: 'x', title: 'Down', status: 503, code: 'unavailable', detail: 'Down' },
    { status: 503, headers: { 'content-type': 'application/problem+json' } },
  );

const user = {
  id: 'usr_0123456789abcdef',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  isAdmin: true,
  permissions: { canCreate: false, canShare: false },
  twoFactorEnabled: false,
  status: 'active',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 3,
};

describe('per-call options, retries and the user agent', () => {
  it('sends user-agent switchboard-client/<version of the package> on every request', async () => {
    const agents: (string | null)[] = [];
    server.use(
      http.get(`${baseUrl}/healthz`, ({ request }) => {
        agents.push(request.headers.get('user-agent'));
        return HttpResponse.json({ ok: true });
      }),
      http.delete(`${baseUrl}/v1/users/:id`, ({ request }) => {
        agents.push(request.headers.get('user-agent'));
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const client = createClient({ baseUrl, token: 't' });
    await client.health();
    await client.users.delete('usr_1', { reassignTo: 'usr_2' });
    expect(agents).toEqual([
      `switchboard-client/${packageVersion}`,
      `switchboard-client/${packageVersion}`,
    ]);
  });

  it('gives up on one call after its own timeoutMs, shorter than the client’s', async () => {
    server.use(
      http.get(`${baseUrl}/healthz`, async () => {
        await delay(1_500);
        return HttpResponse.json({ ok: true });
      }),
    );
    const client = createClient({ baseUrl, retry: 0, timeoutMs: 10_000 });
    // The answer would come after 1.5 s, well within the client's 10 s: a timeout proves
    // the call's own 100 ms applied (no wall-clock bound, which a loaded machine can break).
    const error = await client.health({ timeoutMs: 100 }).catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/timed out/i);
  });

  it('lets one call wait longer than the client’s timeoutMs', async () => {
    server.use(
      http.get(`${baseUrl}/v1/users/:id`, async () => {
        await delay(300);
        return HttpResponse.json(user);
      }),
    );
    const client = createClient({ baseUrl, retry: 0, timeoutMs: 50 });
    await expect(client.users.get('usr_1')).rejects.toThrow(/timed out/i);
    expect(await client.users.get('usr_1', { timeoutMs: 5_000 })).toEqual(user);
  });

  it('rejects with the signal’s AbortError when the caller aborts, not a ConnectionError', async () => {
    server.use(
      http.get(`${baseUrl}/v1/me`, async () => {
        await delay(2_000);
        return HttpResponse.json(user);
      }),
    );
    const client = createClient({ baseUrl, retry: 0 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client.me.get({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(isConnectionError(error)).toBe(false);
  });

  it('does not send a request whose signal is already aborted, and stops retries on abort', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/v1/account`, () => {
        calls++;
        return unavailable();
      }),
    );
    const client = createClient({ baseUrl, retry: 2 });
    const aborted = AbortSignal.abort(new Error('changed my mind'));
    await expect(client.account.get({ signal: aborted })).rejects.toThrow('changed my mind');
    expect(calls).toBe(0);

    const controller = new AbortController();
    const pending = client.account.get({ signal: controller.signal }).catch((e: unknown) => e);
    while (calls === 0) await delay(5);
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
    await delay(700);
    expect(calls).toBe(1);
  });

  it('applies the per-call options to every page of a list', async () => {
    const cursors: (string | null)[] = [];
    server.use(
      http.get(`${baseUrl}/v1/users`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        return HttpResponse.json(
          cursor ? { data: [user], nextCursor: null } : { data: [user], nextCursor: 'c2' },
        );
      }),
    );
    const client = createClient({ baseUrl });
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = async () => {
      for await (const u of client.users.list({ q: 'a' }, { signal: controller.signal })) {
        seen.push(u.id);
        controller.abort(); // after the first page: the second is never asked for
      }
    };
    expect(((await walk().catch((e: unknown) => e)) as Error).name).toBe('AbortError');
    expect(seen).toEqual([user.id]);
    expect(cursors).toEqual([null]);
  });
});

describe('ifMatch: editing the version you read (C1)', () => {
  it('sends If-Match with the version quoted, or *, on PATCH and DELETE', async () => {
    const seen: string[] = [];
    const record =
      (answer: () => Response) =>
      ({ request }: { request: Request }) => {
        seen.push(`${request.method} ${request.headers.get('if-match')}`);
        return answer();
      };
    const noContent = () => new HttpResponse(null, { status: 204 });
    server.use(
      http.patch(
        `${baseUrl}/v1/users/:id`,
        record(() => HttpResponse.json(user)),
      ),
      http.delete(`${baseUrl}/v1/users/:id`, record(noContent)),
      http.delete(`${baseUrl}/v1/phone-numbers/:id`, record(noContent)),
    );
    const client = createClient({ baseUrl, token: 't' });
    await client.users.update(user.id, { firstName: 'Ada' }, { ifMatch: 3 });
    await client.users.update(user.id, { firstName: 'Ada' });
    await client.users.delete(user.id, { reassignTo: 'usr_2', ifMatch: '*' });
    await client.phoneNumbers.release('pn_1', { ifMatch: 12 });
    expect(seen).toEqual(['PATCH "3"', 'PATCH null', 'DELETE *', 'DELETE "12"']);
  });

  it('turns a stale version’s 412 into PreconditionFailedError, without retrying', async () => {
    let writes = 0;
    server.use(
      http.get(`${baseUrl}/v1/users/:id`, () =>
        HttpResponse.json(user, { headers: { etag: `"${user.version}"` } }),
      ),
      http.patch(`${baseUrl}/v1/users/:id`, ({ request }) => {
        writes++;
        // Someone else saved in between: the user is at version 4 now.
        return request.headers.get('if-match') === '"4"'
          ? HttpResponse.json({ ...user, version: 5 })
          : HttpResponse.json(
              {
                type: 'urn:switchboard:problem:precondition_failed',
                title: 'The resource changed since the version you named',
                status: 412,
                code: 'precondition_failed',
                detail: 'The user is at another version',
              },
              { status: 412, headers: { 'content-type': 'application/problem+json' } },
            );
      }),
    );
    const client = createClient({ baseUrl, token: 't', retry: 2 });
    const read = await client.users.get(user.id);
    expect(read.version).toBe(3);
    const error = await client.users
      .update(read.id, { firstName: 'Ada' }, { ifMatch: read.version })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ status: 412, code: 'precondition_failed' });
    expect(writes).toBe(1);
  });

  it('is offered where it means something: ifMatch on PATCH and DELETE, idempotencyKey on POST', () => {
    type OptionsOf<M extends (...args: never[]) => unknown> = NonNullable<Parameters<M>[1]>;
    expectTypeOf<OptionsOf<UsersResource['get']>>().toEqualTypeOf<RequestOptions>();
    expectTypeOf<NonNullable<Parameters<UsersResource['update']>[2]>>().toHaveProperty('ifMatch');
    expectTypeOf<OptionsOf<UsersResource['delete']>>().toHaveProperty('ifMatch');
    expectTypeOf<OptionsOf<PhoneNumbersResource['release']>>().toHaveProperty('ifMatch');
    expectTypeOf<OptionsOf<UsersResource['add']>>().toHaveProperty('idempotencyKey');
    expectTypeOf<OptionsOf<UsersResource['add']>>().not.toHaveProperty('ifMatch');
    expectTypeOf<OptionsOf<AuthResource['login']>>().toEqualTypeOf<RequestOptions>();
  });
});

describe('retry back-off with jitter', () => {
  it('spreads a delay over its upper half', () => {
    expect(retryJitter(600, () => 0)).toBe(300);
    expect(retryJitter(600, () => 0.5)).toBe(450);
    expect(retryJitter(600, () => 0.999)).toBeCloseTo(599.7);
  });

  it('waits a random share of the back-off between retries of a GET', async () => {
    // Fake time: what is checked is the wait ky was given, not how fast this machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const times: number[] = [];
    server.use(
      http.get(`${baseUrl}/v1/account`, () => {
        times.push(Date.now());
        return unavailable();
      }),
    );
    const client = createClient({ baseUrl, retry: 2 });
    /** The fake-time gaps between the three calls of one GET, to within 5 ms. */
    const gaps = async (random: number) => {
      times.length = 0;
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const done = client.account.get().catch(() => undefined);
      while (times.length < 3) {
        // Real turns of the event loop let msw's in-process answer reach ky, then 5 ms pass.
        for (let turn = 0; turn < 20; turn++) await new Promise((r) => setImmediate(r));
        await vi.advanceTimersByTimeAsync(5);
      }
      await vi.runAllTimersAsync();
      await done;
      vi.restoreAllMocks();
      return [(times[1] ?? 0) - (times[0] ?? 0), (times[2] ?? 0) - (times[1] ?? 0)];
    };
    try {
      // Unjittered, ky waits 300 ms then 600 ms; with jitter, between half and all of that.
      const [least1 = 0, least2 = 0] = await gaps(0);
      expect(least1).toBeGreaterThanOrEqual(150);
      expect(least1).toBeLessThanOrEqual(155);
      expect(least2).toBeGreaterThanOrEqual(300);
      expect(least2).toBeLessThanOrEqual(305);
      const [most1 = 0, most2 = 0] = await gaps(0.999);
      expect(most1).toBeGreaterThanOrEqual(299);
      expect(most1).toBeLessThanOrEqual(305);
      expect(most2).toBeGreaterThanOrEqual(599);
      expect(most2).toBeLessThanOrEqual(605);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });
});
