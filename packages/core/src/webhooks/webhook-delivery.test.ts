import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhook-receiver.js';
import type { SwitchboardOptions } from '../create-switchboard.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import { enqueueWebhookEvents } from './enqueue-webhook-events.js';

/** Local receivers are on loopback over http: allowed here, as on a development server. */
const development = { allowHttp: true, allowPrivateAddresses: true };

describe.each(testDatabaseKinds)('webhook delivery on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let receiver: WebhookReceiver;
  let clock: ManualClock;

  beforeEach(async () => {
    // Real time (Standard Webhooks receivers check the timestamp), moved by hand.
    clock = new ManualClock(Date.now());
    const options: Partial<SwitchboardOptions> = {
      secretKeys: newKeyRingEntry('k1'),
      clock,
      webhooks: development,
    };
    receiver = await startWebhookReceiver();
    t = await createTestSwitchboard(kind, options);
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
    await receiver.stop();
  });

  /** Sends what is due, waiting for background sends too. */
  const deliverDue = async (sb = t.sb) => {
    await sb.webhooks.flush();
    await sb.webhooks.idle();
  };

  it('delivers a change signed as Standard Webhooks, verified by the standardwebhooks package (E4)', async () => {
    const endpoint = await t.sb.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['user.*'],
    });
    const grace = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    const [hook] = await receiver.waitFor(1);
    if (!hook) throw new Error('no webhook');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['webhook-id']).toBe(hook.event.id);
    expect(Number(hook.headers['webhook-timestamp'])).toBe(
      Math.floor(clock.now().getTime() / 1000),
    );
    const verified = new Webhook(endpoint.secret).verify(hook.body, {
      'webhook-id': String(hook.headers['webhook-id']),
      'webhook-timestamp': String(hook.headers['webhook-timestamp']),
      'webhook-signature': String(hook.headers['webhook-signature']),
    });
    expect(verified).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'user.added',
      createdAt: clock.now().toISOString(),
      accountId: admin.accountId,
      data: {
        object: grace,
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'],
        actor: { type: 'user', id: admin.userId },
      },
    });
    // The event is the audit event: the same id, the same action (E4).
    const [recorded] = (await t.sb.audit.list(admin, { action: 'user.added' })).data;
    expect(recorded).toMatchObject({ id: hook.event.id, action: 'user.added' });
    // Another secret does not verify it.
    const other = await t.sb.webhooks.create(admin, {
      url: receiver.url('/other'),
      eventTypes: ['phone_number.*'],
    });
    expect(() =>
      new Webhook(other.secret).verify(hook.body, hook.headers as Record<string, string>),
    ).toThrow(/signature/i);
    const [delivery] = (await t.sb.webhooks.listDeliveries(admin, endpoint.id)).data;
    expect(delivery).toMatchObject({
      eventId: hook.event.id,
      eventType: 'user.added',
      status: 'succeeded',
      attempts: 1,
      lastResponseStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
  });

  it('sends each endpoint the event types it subscribed to; deletions carry { id }', async () => {
    const users = await t.sb.webhooks.create(admin, {
      url: receiver.url('/users'),
      eventTypes: ['user.deleted'],
    });
    const numbers = await t.sb.webhooks.create(admin, {
      url: receiver.url('/numbers'),
      eventTypes: ['phone_number.*'],
    });
    const grace = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await t.sb.users.delete(admin, grace.id);
    await deliverDue();
    expect(receiver.received.map((r) => [r.event.type, r.event.data.object])).toEqual([
      ['user.deleted', { id: grace.id }],
    ]);
    expect((await t.sb.webhooks.listDeliveries(admin, users.id)).data).toHaveLength(1);
    expect((await t.sb.webhooks.listDeliveries(admin, numbers.id)).data).toHaveLength(0);
  });

  it('sends nothing for a change that rolls back, and nothing to a disabled endpoint', async () => {
    const endpoint = await t.sb.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['user.*'],
    });
    // Queued, then rolled back with the transaction.
    await expect(
      t.sb.db.transaction().execute(async (trx) => {
        await enqueueWebhookEvents(trx, [
          {
            accountId: admin.accountId,
            type: 'user.updated',
            at: clock.now().toISOString(),
            actor: { type: 'user', userId: admin.userId },
            object: { id: admin.userId },
            changedFields: ['firstName'],
          },
        ]);
        throw new Error('the change failed after its event was queued');
      }),
    ).rejects.toThrow(/failed after/);
    // A change the rules refuse (U4): no event either.
    await expect(t.sb.users.update(admin, admin.userId, { isAdmin: false })).rejects.toMatchObject({
      code: 'last_admin',
    });
    await t.sb.webhooks.update(admin, endpoint.id, { enabled: false });
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    expect(receiver.received).toEqual([]);
    const { data } = await t.sb.webhooks.listDeliveries(admin, endpoint.id);
    expect(data.map((d) => d.eventType)).toEqual([]);
  });

  it('delivers a committed change even when the process that made it dies before sending', async () => {
    await t.sb.webhooks.create(admin, { url: receiver.url(), eventTypes: ['user.*'] });
    // An instance that sends nothing (concurrency 0): it commits, then "dies".
    const doomed = await t.another({ webhooks: { ...development, concurrency: 0 } });
    const grace = await doomed.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await doomed.close();
    expect(receiver.received).toEqual([]);
    await deliverDue();
    expect(receiver.received.map((r) => [r.event.type, r.event.data.object.id])).toEqual([
      ['user.added', grace.id],
    ]);
  });

  it('sends again, with the same webhook-id, what a worker leased and never finished', async () => {
    const endpoint = await t.sb.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['user.*'],
    });
    // This instance's first attempt gets no answer until the end: a process that hangs.
    const stuck = await t.another({ webhooks: { ...development, timeoutMs: 10_000 } });
    let answerLate: () => void = () => {};
    const late = new Promise<{ status: number }>((resolve) => {
      answerLate = () => resolve({ status: 500 });
    });
    receiver.answer = (_, index) => (index === 0 ? late : { status: 204 });
    await stuck.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await receiver.waitFor(1);
    // Within the lease nobody else sends it…
    await t.sb.webhooks.flush();
    expect(receiver.received).toHaveLength(1);
    // …after it, another instance does.
    clock.advance(60_000);
    await t.sb.webhooks.flush();
    answerLate();
    await stuck.webhooks.idle();
    const [first, second] = receiver.received;
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    const [delivery] = (await t.sb.webhooks.listDeliveries(admin, endpoint.id)).data;
    // The stuck worker's late result is not written over the other's.
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastResponseStatus: 204 });
  });

  it('holds a slow receiver to its own slots: a delivery queued behind its backlog goes out at once', async () => {
    await t.sb.webhooks.create(admin, { url: receiver.url('/slow'), eventTypes: ['user.added'] });
    const quiet = await t.another({ webhooks: { ...development, concurrency: 0 } });
    for (let i = 0; i < 40; i++)
      await quiet.users.add(admin, person('Test', `User${i}`, `user${i}@acme.test`));
    await t.sb.webhooks.create(admin, {
      url: receiver.url('/fast'),
      eventTypes: ['account.updated'],
    });
    await quiet.account.update(admin, { city: 'Albany' }); // queued after the 40
    let release: () => void = () => {};
    const late = new Promise<{ status: number }>((resolve) => {
      release = () => resolve({ status: 200 });
    });
    receiver.answer = (request) => (request.path === '/slow' ? late : { status: 200 });
    const flushing = t.sb.webhooks.flush();
    const sentTo = (path: string) => receiver.received.filter((r) => r.path === path).length;
    while (sentTo('/fast') === 0 || sentTo('/slow') < 4)
      await receiver.waitFor(receiver.received.length + 1);
    // The slow endpoint holds its 4 slots (perEndpointConcurrency), no more.
    expect(sentTo('/slow')).toBe(4);
    release();
    expect(await flushing).toBe(41);
  });

  it('keeps sending while the instance serves requests, one by one at its paced rate', async () => {
    await t.sb.webhooks.create(admin, { url: receiver.url(), eventTypes: ['user.added'] });
    const quiet = await t.another({ webhooks: { ...development, concurrency: 0 } });
    for (let i = 0; i < 5; i++)
      await quiet.users.add(admin, person('Test', `User${i}`, `user${i}@acme.test`));
    t.sb.serving.noteRequest(); // as the Hono adapter does for each request
    expect(await t.sb.webhooks.flush()).toBe(5);
    expect(new Set(receiver.received.map((r) => r.event.id)).size).toBe(5);
  });

  it('lets two instances share the deliveries without sending any twice', async () => {
    await t.sb.webhooks.create(admin, { url: receiver.url('/a'), eventTypes: ['user.*'] });
    await t.sb.webhooks.create(admin, { url: receiver.url('/b'), eventTypes: ['user.added'] });
    const quiet = await t.another({ webhooks: { ...development, concurrency: 0 } });
    const second = await t.another();
    for (let i = 0; i < 20; i++)
      await quiet.users.add(admin, person('Test', `User${i}`, `user${i}@acme.test`));
    // One instance holds at most 8 requests open here (4 per endpoint); the receiver answers
    // none until a 9th arrives, which only the second instance can send.
    const held: (() => void)[] = [];
    let open = false;
    receiver.answer = () =>
      new Promise((resolve) => {
        if (open) return resolve({ status: 200 });
        held.push(() => resolve({ status: 200 }));
        open = held.length > 8;
        if (open) for (const answer of held.splice(0)) answer();
      });
    const [made, madeBySecond] = await Promise.all([
      t.sb.webhooks.flush(),
      second.webhooks.flush(),
    ]);
    expect(made + madeBySecond).toBe(40);
    expect(made).toBeGreaterThan(0);
    expect(madeBySecond).toBeGreaterThan(0);
    expect(receiver.received).toHaveLength(40);
    // Each event once per endpoint: 20 ids, each at /a and at /b.
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(20);
    expect(new Set(receiver.received.map((r) => `${r.headers['webhook-id']} ${r.path}`)).size).toBe(
      40,
    );
  });

  it('carries each resource as the API returns it after the change, and never a secret', async () => {
    await t.sb.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['account.*', 'phone_number.*', 'integration.*'],
    });
    const account = await t.sb.account.update(admin, { city: 'Albany' });
    const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
    const moved = await t.sb.phoneNumbers.update(admin, number.id, { applicationId: 'ivr-main' });
    await t.sb.phoneNumbers.release(admin, number.id);
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const integration = await t.sb.integrations.add(
      admin,
      { service: 's3', name: 'Recordings', key: 'AKIAIOSFODNN7EXAMPLE', secret },
      { verify: false },
    );
    await t.sb.integrations.delete(admin, integration.id);
    await deliverDue();
    const byType = new Map(receiver.received.map((r) => [r.event.type, r.event.data.object]));
    expect(Object.fromEntries(byType)).toEqual({
      'account.updated': account,
      'phone_number.requested': number,
      'phone_number.updated': moved,
      'phone_number.released': { id: number.id },
      'integration.added': integration,
      'integration.deleted': { id: integration.id },
    });
    expect(receiver.received.map((r) => r.body).join('\n')).not.toContain(secret);
  });

  it('sends a webhook.test event to one endpoint, whatever it subscribed to', async () => {
    const endpoint = await t.sb.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['integration.added'],
    });
    await t.sb.webhooks.sendTest(admin, endpoint.id);
    await deliverDue();
    const [hook] = await receiver.waitFor(1);
    const { secret: _, ...shown } = endpoint;
    expect(hook?.event).toMatchObject({ type: 'webhook.test', data: { object: shown } });
  });
});
