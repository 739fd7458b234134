import { afterEach, describe, expect, it } from 'vitest';
import type { Switchboard, SwitchboardOptions } from '../src/create-switchboard.js';
import { isSwitchboardError, type SwitchboardError } from '../src/errors/switchboard-error.js';
import { claimKeyInChange, type KeptAnswer } from '../src/idempotency/index.js';
import type { NumberProvisioner } from '../src/phone-numbers/number-provisioner.js';
import type { Actor } from '../src/shared/actor.js';
import { failure } from './support/failure.js';
import { ManualClock } from './support/manual-clock.js';
import { openAcmeAccount, person } from './support/test-account.js';
import { testDatabaseKinds } from './support/test-databases.js';
import { createTestSwitchboard, type TestSwitchboard } from './support/test-switchboard.js';

/** The answer a server would give: the status, and the result as JSON. */
const answer =
  (status: number) =>
  (result: unknown): KeptAnswer => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(result),
  });

/** Status of an error as a server would answer it. */
const statusOf = (error: unknown) =>
  isSwitchboardError(error)
    ? (({ email_taken: 409, validation_failed: 400, unavailable: 503 } as Record<string, number>)[
        error.code
      ] ?? 500)
    : 500;

/**
 * Runs `call` as a server runs a request sent with an idempotency key: replay the kept
 * answer, or claim the key and run it, its change keeping the answer.
 */
async function keyed(
  sb: Switchboard,
  actor: Actor,
  key: string,
  body: unknown,
  call: (actor: Actor) => Promise<unknown>,
  path = '/v1/users',
): Promise<{ replayed: boolean; answer: KeptAnswer }> {
  const start = await sb.idempotency.start({
    caller: `user:${actor.userId}`,
    key,
    method: 'post',
    path,
    body,
    answer: answer(201),
  });
  if (start.replay) return { replayed: true, answer: start.replay };
  const request = start.run;
  try {
    const result = await call({ ...actor, request: { idempotency: request } });
    const given = request.kept ?? answer(201)(result);
    if (!request.kept) await sb.idempotency.finish(request, given);
    return { replayed: false, answer: given };
  } catch (error) {
    const given = { status: statusOf(error), headers: {}, body: String(error) };
    await sb.idempotency.finish(request, given);
    return { replayed: false, answer: given };
  }
}

const grace = person('Grace', 'Hopper', 'grace@acme.test');

describe.each(testDatabaseKinds)('idempotency keys (C2) on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let clock: ManualClock;

  const setUp = async (options: Partial<SwitchboardOptions> = {}) => {
    clock = new ManualClock();
    t = await createTestSwitchboard(kind, { clock, ...options });
    admin = await openAcmeAccount(t);
    await t.sb.mail.idle();
    t.sent.length = 0;
  };
  afterEach(async () => {
    await t.close();
  });

  const users = async () => (await t.sb.users.list(admin)).data.map((user) => user.email);

  it('runs a request once: the same request again gets the first answer byte for byte, and no second email', async () => {
    await setUp();
    const add = (actor: Actor) => t.sb.users.add(actor, grace);
    const first = await keyed(t.sb, admin, 'key-1', grace, add);
    const again = await keyed(t.sb, admin, 'key-1', { ...grace }, add);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ replayed: true, answer: first.answer });
    expect(await users()).toEqual(['grace@acme.test', 'ada@acme.test']);
    await t.sb.mail.idle();
    expect(t.sent.filter((mail) => mail.to === 'grace@acme.test')).toHaveLength(1);
  });

  it('compares bodies as parsed JSON: members in another order are the same request', async () => {
    await setUp();
    const add = (actor: Actor) => t.sb.users.add(actor, grace);
    await keyed(
      t.sb,
      admin,
      'key-1',
      { firstName: 'Grace', lastName: 'Hopper', email: 'grace@acme.test' },
      add,
    );
    const again = await keyed(
      t.sb,
      admin,
      'key-1',
      { email: 'grace@acme.test', lastName: 'Hopper', firstName: 'Grace' },
      add,
    );
    expect(again.replayed).toBe(true);
  });

  it('refuses the key for another body or path (idempotency_key_reused) and runs nothing', async () => {
    await setUp();
    await keyed(t.sb, admin, 'key-1', grace, (actor) => t.sb.users.add(actor, grace));
    const alan = person('Alan', 'Turing', 'alan@acme.test');
    const reused = await failure(
      keyed(t.sb, admin, 'key-1', alan, (actor) => t.sb.users.add(actor, alan)),
    );
    expect(isSwitchboardError(reused, 'idempotency_key_reused')).toBe(true);
    const otherPath = await failure(
      keyed(
        t.sb,
        admin,
        'key-1',
        grace,
        (actor) => t.sb.users.add(actor, grace),
        '/v1/phone-numbers',
      ),
    );
    expect(isSwitchboardError(otherPath, 'idempotency_key_reused')).toBe(true);
    expect(await users()).not.toContain('alan@acme.test');
  });

  it('of two runs racing with one new key, keeps the change of the first to commit; the other rolls back with idempotency_key_in_use and a time to retry', async () => {
    await setUp();
    const request = {
      caller: `user:${admin.userId}`,
      key: 'key-1',
      method: 'post',
      path: '/v1/users',
      body: grace,
      answer: answer(201),
    };
    // Both start before either has changed anything: the key has no row yet.
    const first = await t.sb.idempotency.start(request);
    const second = await t.sb.idempotency.start(request);
    const user = await t.sb.users.add(
      { ...admin, request: { idempotency: first.run ?? fail() } },
      grace,
    );
    expect(first.run?.kept?.body).toBe(JSON.stringify(user));
    // The second run's change would succeed (another email), but its key is taken.
    const alan = person('Alan', 'Turing', 'alan@acme.test');
    const lost = await failure(
      t.sb.users.add({ ...admin, request: { idempotency: second.run ?? fail() } }, alan),
    );
    expect(isSwitchboardError(lost, 'idempotency_key_in_use')).toBe(true);
    expect((lost as SwitchboardError).retryAfter).toBeGreaterThan(0);
    expect(await users()).not.toContain('alan@acme.test');
    // Retried, it gets the first run's answer.
    expect(await t.sb.idempotency.start(request)).toEqual({ replay: first.run?.kept });
  });

  it('keeps keys per caller: another admin’s same key is their own', async () => {
    await setUp();
    const other = await t.sb.identity.actorFor(
      (await t.sb.users.add(admin, { ...person('Alan', 'Admin', 'alan@acme.test'), isAdmin: true }))
        .id,
    );
    const lin = person('Lin', 'Lee', 'lin@acme.test');
    await keyed(t.sb, admin, 'shared-key', grace, (actor) => t.sb.users.add(actor, grace));
    const theirs = await keyed(t.sb, other, 'shared-key', lin, (actor) =>
      t.sb.users.add(actor, lin),
    );
    expect(theirs.replayed).toBe(false);
    expect(await users()).toContain('lin@acme.test');
  });

  it('keeps a failure the client must not repeat (409), and frees the key after one it may (400)', async () => {
    await setUp();
    await t.sb.users.add(admin, grace);
    const taken = await keyed(t.sb, admin, 'key-1', grace, (actor) => t.sb.users.add(actor, grace));
    expect(taken.answer.status).toBe(409);
    expect((await keyed(t.sb, admin, 'key-1', grace, () => Promise.resolve())).replayed).toBe(true);

    const bad = { ...grace, email: 'not an email' };
    const invalid = await keyed(t.sb, admin, 'key-2', bad, (actor) => t.sb.users.add(actor, bad));
    expect(invalid.answer.status).toBe(400);
    const fixed = await keyed(t.sb, admin, 'key-2', bad, async () => 'ran again');
    expect(fixed).toMatchObject({ replayed: false, answer: { body: '"ran again"' } });
  });

  it('keeps keys a day: past it the key is free again, and housekeeping purges it', async () => {
    await setUp();
    await keyed(t.sb, admin, 'key-1', grace, (actor) => t.sb.users.add(actor, grace));
    clock.advance(23 * 60 * 60 * 1000);
    expect(await t.sb.idempotency.purgeExpired()).toBe(0);
    expect((await keyed(t.sb, admin, 'key-1', grace, () => Promise.resolve())).replayed).toBe(true);
    clock.advance(60 * 60 * 1000 + 1);
    const alan = person('Alan', 'Turing', 'alan@acme.test');
    const reused = await keyed(t.sb, admin, 'key-1', alan, (actor) => t.sb.users.add(actor, alan));
    expect(reused.replayed).toBe(false);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(await t.sb.idempotency.purgeExpired()).toBe(1);
  });

  it('never commits a change whose request lost its key: the change and its record commit together', async () => {
    await setUp();
    const request = {
      caller: `user:${admin.userId}`,
      key: 'key-1',
      method: 'post',
      path: '/v1/users',
      body: grace,
      answer: answer(201),
    };
    const first = (await t.sb.idempotency.start(request)).run ?? fail();
    // A first step (as a number's placeholder) commits the run's claim on the key.
    await claimKeyInChange(t.sb.db, first);
    first.unsaved = undefined;
    const tooSoon = await failure(t.sb.idempotency.start(request));
    expect(isSwitchboardError(tooSoon, 'idempotency_key_in_use')).toBe(true);
    expect((tooSoon as SwitchboardError).retryAfter).toBeGreaterThan(0);
    clock.advance(61 * 1000); // the first run is taken for dead…
    const second = await t.sb.idempotency.start(request); // …and another takes the key over
    expect(second.run).toBeDefined();
    const late = await failure(
      t.sb.users.add({ ...admin, request: { idempotency: first } }, grace),
    );
    expect(isSwitchboardError(late, 'idempotency_key_in_use')).toBe(true);
    expect(await users()).not.toContain('grace@acme.test');
    const user = await t.sb.users.add(
      { ...admin, request: { idempotency: second.run ?? fail() } },
      grace,
    );
    expect(second.run?.kept?.body).toBe(JSON.stringify(user));
  });

  it('of 10 concurrent requests with one key on two instances, exactly one runs', async () => {
    await setUp();
    const other = await t.another({ clock });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        keyed(i % 2 === 0 ? t.sb : other, admin, 'raced', grace, (actor) =>
          (i % 2 === 0 ? t.sb : other).users.add(actor, grace),
        ),
      ),
    );
    const ran = outcomes.filter((o) => o.status === 'fulfilled' && !o.value.replayed);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ran).toHaveLength(1);
    for (const o of refused)
      expect(isSwitchboardError(o.reason, 'idempotency_key_in_use')).toBe(true);
    expect((await users()).filter((email) => email === 'grace@acme.test')).toHaveLength(1);
  });

  describe('a number bought from the carrier (P3) once per key', () => {
    const carrier = () => {
      const sold = new Map<string, string>();
      let failAfterBuying = false;
      let hangAfterBuying = false;
      const provisioner: NumberProvisioner = {
        provision: async ({ reference }) => {
          const number = `+1888555${String(1000 + sold.size)}`;
          sold.set(reference, number);
          if (hangAfterBuying) return new Promise<never>(() => {}); // the process "dies"
          if (failAfterBuying) throw new Error('socket hang up'); // bought, but no answer came
          return { number, providerRef: null };
        },
        release: async () => {},
        findProvisioned: async (reference) => {
          const number = sold.get(reference);
          return number ? { number, providerRef: null } : null;
        },
      };
      return {
        provisioner,
        sold,
        failNext: (v: boolean) => (failAfterBuying = v),
        hangNext: (v: boolean) => (hangAfterBuying = v),
      };
    };
    const body = { type: 'toll_free' as const };

    it('a carrier failing after it bought: the retry finds that number instead of buying another', async () => {
      const c = carrier();
      await setUp({ numberProvisioner: c.provisioner });
      c.failNext(true);
      const request = (actor: Actor) => t.sb.phoneNumbers.request(actor, body);
      const failed = await keyed(t.sb, admin, 'buy-1', body, request, '/v1/phone-numbers');
      expect(failed.answer.status).toBe(503);
      c.failNext(false);
      const retried = await keyed(t.sb, admin, 'buy-1', body, request, '/v1/phone-numbers');
      expect(retried.replayed).toBe(false);
      expect(c.sold.size).toBe(1);
      const [bought] = c.sold.values();
      expect(JSON.parse(retried.answer.body)).toMatchObject({ number: bought });
      expect((await t.sb.phoneNumbers.list(admin)).data.map((n) => n.number)).toEqual([bought]);
    });

    it('a crash between the purchase and its commit: the retry on another instance records the number bought', async () => {
      const c = carrier();
      await setUp({ numberProvisioner: c.provisioner });
      c.hangNext(true);
      void keyed(
        t.sb,
        admin,
        'buy-1',
        body,
        (actor) => t.sb.phoneNumbers.request(actor, body),
        '/v1/phone-numbers',
      );
      await expect.poll(() => c.sold.size).toBe(1);
      c.hangNext(false);
      const restarted = await t.another({ numberProvisioner: c.provisioner, clock });
      const tooSoon = await failure(
        keyed(
          restarted,
          admin,
          'buy-1',
          body,
          (actor) => restarted.phoneNumbers.request(actor, body),
          '/v1/phone-numbers',
        ),
      );
      expect(isSwitchboardError(tooSoon, 'idempotency_key_in_use')).toBe(true);
      clock.advance(61 * 1000);
      const retried = await keyed(
        restarted,
        admin,
        'buy-1',
        body,
        (actor) => restarted.phoneNumbers.request(actor, body),
        '/v1/phone-numbers',
      );
      expect(c.sold.size).toBe(1);
      const [bought] = c.sold.values();
      expect(JSON.parse(retried.answer.body)).toMatchObject({ number: bought });
      expect((await restarted.phoneNumbers.list(admin)).data.map((n) => n.number)).toEqual([
        bought,
      ]);
    });
  });
});

function fail(): never {
  throw new Error('expected a run');
}
