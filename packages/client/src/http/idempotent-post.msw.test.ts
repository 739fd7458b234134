import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../create-client.js';
import {
  ConflictError,
  RateLimitedError,
  ServerError,
  UnprocessableError,
} from '../errors/api-error-kinds.js';
import { isConnectionError } from '../errors/connection-error.js';

const baseUrl = 'https://api.switchboard.test/admin';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const user = {
  id: 'usr_0123456789abcdef',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  isAdmin: false,
  permissions: { canCreate: false, canShare: false },
  twoFactorEnabled: false,
  status: 'pending',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 1,
};
const newUser = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' };

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  HttpResponse.json(
    { type: `urn:switchboard:problem:${code}`, title: 'T', status, code, detail: 'D' },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );

/** Each request's time and `Idempotency-Key`, as `POST /v1/users` received them. */
function addUserAnswers(...answers: (() => Response)[]) {
  const seen: { at: number; key: string | null }[] = [];
  server.use(
    http.post(`${baseUrl}/v1/users`, ({ request }) => {
      seen.push({ at: Date.now(), key: request.headers.get('idempotency-key') });
      const answer = answers[Math.min(seen.length, answers.length) - 1];
      return answer ? answer() : HttpResponse.json(user, { status: 201 });
    }),
  );
  return seen;
}
const created = () => HttpResponse.json(user, { status: 201 });

/**
 * Settles `promise` on fake time: real turns of the event loop let msw's in-process answer
 * reach ky, then 5 fake ms pass, until it settles. What is checked is the wait ky was given,
 * not how fast this machine is.
 */
async function onFakeTime<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  while (!settled) {
    for (let turn = 0; turn < 20; turn++) await new Promise((r) => setImmediate(r));
    await vi.advanceTimersByTimeAsync(5);
  }
  return watched;
}

describe('Idempotency-Key on POSTs (C2)', () => {
  const client = createClient({ baseUrl, token: 't', retry: 2 });

  it('sends a fresh UUID on every POST call', async () => {
    const seen = addUserAnswers();
    const resets: (string | null)[] = [];
    server.use(
      http.post(`${baseUrl}/v1/users/:id/password-reset`, ({ request }) => {
        resets.push(request.headers.get('idempotency-key'));
        return HttpResponse.json({ accepted: true }, { status: 202 });
      }),
    );
    await client.users.add(newUser);
    await client.users.add(newUser);
    await client.users.sendPasswordReset(user.id);
    const keys = [...seen.map((s) => s.key), ...resets];
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).toMatch(uuid);
    expect(new Set(keys).size).toBe(3);
  });

  it('sends the caller’s idempotencyKey instead', async () => {
    const seen = addUserAnswers();
    await client.users.add(newUser, { idempotencyKey: 'import-2026-11-23/row-17' });
    expect(seen.map((s) => s.key)).toEqual(['import-2026-11-23/row-17']);
  });

  it('refuses a key the API would not take, sending nothing', async () => {
    const seen = addUserAnswers();
    for (const idempotencyKey of ['', 'x'.repeat(256), 'naïve', 'line\tbreak']) {
      const error = await client.users.add(newUser, { idempotencyKey }).catch((e: unknown) => e);
      expect(error, idempotencyKey).toBeInstanceOf(TypeError);
    }
    expect(seen).toEqual([]);
  });

  it('sends no key on /v1/auth/* POSTs, nor on GET, PATCH or DELETE', async () => {
    const keys: (string | null)[] = [];
    const record =
      (answer: () => Response) =>
      ({ request }: { request: Request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return answer();
      };
    server.use(
      http.post(
        `${baseUrl}/v1/auth/logout`,
        record(() => new HttpResponse(null, { status: 204 })),
      ),
      http.get(
        `${baseUrl}/v1/users/:id`,
        record(() => HttpResponse.json(user)),
      ),
      http.patch(
        `${baseUrl}/v1/users/:id`,
        record(() => HttpResponse.json(user)),
      ),
      http.delete(
        `${baseUrl}/v1/users/:id`,
        record(() => new HttpResponse(null, { status: 204 })),
      ),
    );
    await client.auth.logout();
    await client.users.get(user.id);
    await client.users.update(user.id, { firstName: 'Ada' });
    await client.users.delete(user.id);
    expect(keys).toEqual([null, null, null, null]);
  });
});

describe('retries of a POST, with the same Idempotency-Key (C2)', () => {
  const client = createClient({ baseUrl, token: 't', retry: 2 });

  it('retries after a connection error with the same key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = addUserAnswers(() => HttpResponse.error(), created);
    expect(await onFakeTime(client.users.add(newUser))).toEqual(user);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.key).toMatch(uuid);
    expect(seen[1]?.key).toBe(seen[0]?.key);
  });

  it('waits out the Retry-After of 409 idempotency_key_in_use, then retries with the same key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = addUserAnswers(
      () => problem(409, 'idempotency_key_in_use', { 'retry-after': '1' }),
      created,
    );
    const added = client.users.add(newUser, { idempotencyKey: 'job-42' });
    expect(await onFakeTime(added)).toEqual(user);
    expect(seen.map((s) => s.key)).toEqual(['job-42', 'job-42']);
    const wait = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    expect(wait).toBeGreaterThanOrEqual(1_000);
    expect(wait).toBeLessThanOrEqual(1_005); // exactly the server's second: no jitter added
  });

  it('retries a 503 with the same key, backing off with jitter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const unavailable = () => problem(503, 'unavailable');
    const seen = addUserAnswers(unavailable, unavailable, created);
    try {
      expect(await onFakeTime(client.users.add(newUser))).toEqual(user);
    } finally {
      vi.restoreAllMocks();
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    // Unjittered ky waits 300 ms then 600 ms; a random 0 takes the lower half's bound.
    const gaps = [1, 2].map((i) => (seen[i]?.at ?? 0) - (seen[i - 1]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[0]).toBeLessThanOrEqual(155);
    expect(gaps[1]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeLessThanOrEqual(305);
  });

  it('gives up after `retry` attempts with the last answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = addUserAnswers(() => problem(503, 'unavailable'));
    const error = await onFakeTime(client.users.add(newUser)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(3);
  });

  it('does not retry any other answer', async () => {
    const cases: [() => Response, unknown][] = [
      [() => problem(409, 'email_taken'), ConflictError],
      [() => problem(422, 'idempotency_key_reused'), UnprocessableError],
      [() => problem(500, 'internal'), ServerError],
      [() => problem(502, 'unavailable'), ServerError],
      [() => problem(429, 'rate_limited', { 'retry-after': '1' }), RateLimitedError],
    ];
    for (const [answer, ErrorClass] of cases) {
      const seen = addUserAnswers(answer, created);
      expect(await client.users.add(newUser).catch((e: unknown) => e)).toBeInstanceOf(ErrorClass);
      expect(seen).toHaveLength(1);
    }
  });

  it('does not sit out a long Retry-After: throws at once with retryAfter', async () => {
    const seen = addUserAnswers(() =>
      problem(409, 'idempotency_key_in_use', { 'retry-after': '120' }),
    );
    const error = await client.users.add(newUser).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'idempotency_key_in_use', retryAfter: 120 });
    expect(seen).toHaveLength(1);
  });

  it('does not retry a POST of /v1/auth/*, which takes no key', async () => {
    let calls = 0;
    server.use(
      http.post(`${baseUrl}/v1/auth/logout`, () => {
        calls++;
        return problem(503, 'unavailable');
      }),
    );
    expect(await client.auth.logout().catch((e: unknown) => e)).toBeInstanceOf(ServerError);
    expect(calls).toBe(1);
  });

  it('does not repeat an attempt that timed out: the caller decides, with the same key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${baseUrl}/v1/users`, async ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        await delay(1_000);
        return created();
      }),
    );
    const error = await client.users
      .add(newUser, { idempotencyKey: 'job-7', timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect(keys).toEqual(['job-7']);
  });
});
