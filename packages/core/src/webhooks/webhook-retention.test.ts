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

const day = 86_400_000;

describe.each(testDatabaseKinds)('pruning webhook deliveries on $name (E4)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let receiver: WebhookReceiver;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    receiver = await startWebhookReceiver();
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      clock,
      webhooks: { allowHttp: true, allowPrivateAddresses: true, deliveryRetentionDays: 30 },
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
  const deliveries = () =>
    t.sb.db
      .selectFrom('webhook_deliveries')
      .select(['endpoint_id', 'event_type', 'status', 'payload'])
      .execute();
  const attemptCount = async () =>
    Number(
      (
        await t.sb.db
          .selectFrom('webhook_attempts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('deletes deliveries finished before the retention, with their attempts, and keeps pending ones', async () => {
    const kept = await t.sb.webhooks.create(admin, {
      url: receiver.url('/kept'),
      eventTypes: ['user.added'],
    });
    const turnedOff = await t.sb.webhooks.create(admin, {
      url: receiver.url('/off'),
      eventTypes: ['user.added'],
    });
    // Succeeded, long ago.
    await t.sb.users.add(admin, person('Alan', 'Old', 'alan@acme.test'));
    await deliverDue();
    // Failed long ago (its endpoint answered 410 Gone); still pending at `kept`, which fails.
    receiver.answer = (request) => ({ status: request.path === '/off' ? 410 : 500 });
    await t.sb.users.add(admin, person('Bob', 'Retrying', 'bob@acme.test'));
    await deliverDue();
    expect(await attemptCount()).toBe(4);
    expect((await t.sb.webhooks.get(admin, turnedOff.id)).enabled).toBe(false);

    clock.advance(31 * day);
    // Pending, recent. Its commit starts a round in the background that sends what is due
    // now, Bob's retry and Cy's first attempt (both fail); wait for it, so pruning does not
    // race with it.
    await t.sb.users.add(admin, person('Cy', 'New', 'cy@acme.test'));
    await t.sb.webhooks.idle();
    expect(await attemptCount()).toBe(6);

    expect(await t.sb.webhooks.pruneDeliveries({ type: 'system' })).toBe(3);
    const left = await deliveries();
    expect(
      left.map((d) => [d.endpoint_id, d.status, JSON.parse(d.payload).data.object.email]),
    ).toEqual(
      expect.arrayContaining([
        [kept.id, 'pending', 'bob@acme.test'],
        [kept.id, 'pending', 'cy@acme.test'],
      ]),
    );
    expect(left).toHaveLength(2);
    // The failed attempts at `kept` (Bob's two, Cy's one) stay with their deliveries; the
    // others went with theirs.
    expect(await attemptCount()).toBe(3);
    expect(await t.sb.webhooks.pruneDeliveries({ type: 'system' })).toBe(0);
  });

  it('is the operator’s or Switchboard’s own', async () => {
    await expect(t.sb.webhooks.pruneDeliveries(admin as never)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
