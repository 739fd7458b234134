import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhook-receiver.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import { signatureHeader } from './webhook-signature.js';

const second = 1_000;
const hour = 3_600_000;

describe.each(testDatabaseKinds)('webhook retries on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let receiver: WebhookReceiver;
  let clock: ManualClock;
  const warnings: string[] = [];

  beforeEach(async () => {
    clock = new ManualClock();
    receiver = await startWebhookReceiver();
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      clock,
      logger: {
        info() {},
        warn: (message, fields) => void warnings.push(`${message} ${JSON.stringify(fields)}`),
        error() {},
      },
      webhooks: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 500 },
    });
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
    await receiver.stop();
  });

  const deliverDue = async () => {
    await t.sb.webhooks.flush();
    await t.sb.webhooks.idle();
  };
  const endpointFor = (eventTypes = ['user.added']) =>
    t.sb.webhooks.create(admin, { url: receiver.url(), eventTypes });
  const lastDelivery = async (endpointId: string) => {
    const [delivery] = (await t.sb.webhooks.listDeliveries(admin, endpointId)).data;
    if (!delivery) throw new Error('no delivery');
    return delivery;
  };
  const attempts = (deliveryId: string) =>
    t.sb.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('attempted_at')
      .execute();

  it('retries failures with growing, jittered waits until one succeeds, logging every attempt', async () => {
    const { id } = await endpointFor();
    receiver.answer = (_, index) =>
      index < 2 ? { status: 500, body: 'stack trace with secrets' } : { status: 200 };
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    let delivery = await lastDelivery(id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastResponseStatus: 500 });
    expect(delivery.lastError).toBe('HTTP 500');
    const wait1 = Date.parse(delivery.nextAttemptAt ?? '') - clock.now().getTime();
    expect(wait1).toBeGreaterThanOrEqual(24 * second);
    expect(wait1).toBeLessThanOrEqual(36 * second);
    // Not due yet: nothing is sent.
    await deliverDue();
    expect(receiver.received).toHaveLength(1);
    clock.advance(wait1);
    await deliverDue();
    delivery = await lastDelivery(id);
    const wait2 = Date.parse(delivery.nextAttemptAt ?? '') - clock.now().getTime();
    expect(delivery.attempts).toBe(2);
    expect(wait2).toBeGreaterThanOrEqual(72 * second);
    clock.advance(wait2);
    await deliverDue();
    expect(await lastDelivery(id)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      lastResponseStatus: 200,
      lastError: null,
    });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const logged = await attempts(delivery.id);
    expect(logged.map((a) => [a.response_status, a.error])).toEqual([
      [500, 'HTTP 500'],
      [500, 'HTTP 500'],
      [200, null],
    ]);
    expect(logged.every((a) => Number(a.duration_ms) >= 0)).toBe(true);
    // The receiver's body is kept nowhere.
    expect(JSON.stringify(logged)).not.toContain('stack trace');
    expect(warnings.join('\n')).not.toContain('stack trace');
  });

  it('gives up after the last attempt, more than 24 hours after the first', async () => {
    const { id } = await endpointFor();
    receiver.answer = () => ({ status: 503 });
    const start = clock.now().getTime();
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    let delivery = await lastDelivery(id);
    while (delivery.status === 'pending') {
      clock.advance(Date.parse(delivery.nextAttemptAt ?? '') - clock.now().getTime());
      await deliverDue();
      delivery = await lastDelivery(id);
    }
    expect(delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(delivery.attempts).toBeGreaterThanOrEqual(8);
    expect(receiver.received).toHaveLength(delivery.attempts);
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(24 * hour);
    // An admin may send it once more.
    receiver.answer = () => ({ status: 200 });
    await t.sb.webhooks.retryDelivery(admin, id, delivery.id);
    await deliverDue();
    expect(await lastDelivery(id)).toMatchObject({ status: 'succeeded' });
  });

  it('waits as long as Retry-After asks on 429 and 503', async () => {
    const { id } = await endpointFor();
    receiver.answer = (_, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '7200' } } : { status: 200 };
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    const delivery = await lastDelivery(id);
    expect(Date.parse(delivery.nextAttemptAt ?? '') - clock.now().getTime()).toBe(2 * hour);
    clock.advance(2 * hour - second);
    await deliverDue();
    expect(receiver.received).toHaveLength(1);
    clock.advance(second);
    await deliverDue();
    expect(receiver.received).toHaveLength(2);
  });

  it('counts no answer within the timeout as a failed attempt', async () => {
    const { id } = await endpointFor();
    receiver.answer = () => 'hang';
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    expect(await lastDelivery(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastResponseStatus: null,
      lastError: 'no answer within 0.5 s',
    });
  });

  it('disables an endpoint that answers 410 Gone, as a recorded change', async () => {
    const { id } = await endpointFor();
    receiver.answer = () => ({ status: 410 });
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    expect(await lastDelivery(id)).toMatchObject({ status: 'failed', lastResponseStatus: 410 });
    expect(await t.sb.webhooks.get(admin, id)).toMatchObject({ enabled: false, version: 2 });
    const [event] = (await t.sb.audit.list(admin, { action: 'webhook_endpoint.updated' })).data;
    expect(event).toMatchObject({ actor: { type: 'system' }, changedFields: ['enabled'] });
    await t.sb.users.add(admin, person('Alan', 'Turing', 'alan@acme.test'));
    await deliverDue();
    expect(receiver.received).toHaveLength(1);
  });

  it('follows no redirect, and reads at most 64 KiB of an answer', async () => {
    const { id } = await endpointFor();
    receiver.answer = (request) =>
      request.path === '/hooks'
        ? { status: 307, headers: { location: receiver.url('/elsewhere') } }
        : { status: 200 };
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    expect(receiver.received.map((r) => r.path)).toEqual(['/hooks']);
    expect(await lastDelivery(id)).toMatchObject({
      status: 'pending',
      lastResponseStatus: 307,
      lastError: 'HTTP 307: redirects are not followed',
    });
    // A 5 MiB answer: the first 64 KiB are read, the rest never is, and the attempt counts.
    receiver.answer = () => ({ status: 200, body: 'x'.repeat(5 * 1024 * 1024) });
    await t.sb.webhooks.retryDelivery(admin, id, (await lastDelivery(id)).id);
    await deliverDue();
    expect(await lastDelivery(id)).toMatchObject({ status: 'succeeded', lastResponseStatus: 200 });
  });

  it('signs with the old secret too for 24 hours after a rotation', async () => {
    const endpoint = await endpointFor();
    const { secret } = await t.sb.webhooks.rotateSecret(admin, endpoint.id);
    expect(secret).not.toBe(endpoint.secret);
    clock.advance(23 * hour);
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    clock.advance(2 * hour);
    await t.sb.webhooks.sendTest(admin, endpoint.id);
    await deliverDue();
    const [within, after] = receiver.received.map((hook) =>
      signatureHeader(
        [secret, endpoint.secret],
        String(hook.headers['webhook-id']),
        Number(hook.headers['webhook-timestamp']),
        hook.body,
      ).split(' '),
    );
    expect(receiver.received.map((hook) => hook.headers['webhook-signature'])).toEqual([
      within?.join(' '),
      after?.[0],
    ]);
  });
});
