import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';

const url = 'https://hooks.example.com/switchboard';
const k1 = newKeyRingEntry('k1');

describe.each(testDatabaseKinds)('webhook endpoints on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let member: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, {
      secretKeys: k1,
      // No name resolves here: deliveries queued by these tests go nowhere.
      webhooks: { lookup: async () => [] },
    });
    admin = await openAcmeAccount(t);
    const user = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    member = { ...admin, userId: user.id, isAdmin: false };
  });
  afterEach(async () => {
    await t.close();
  });

  it('adds an endpoint and answers its secret only then (E4)', async () => {
    const created = await t.sb.webhooks.create(admin, { url, description: 'CRM sync' });
    expect(created).toMatchObject({
      url,
      eventTypes: ['*'],
      description: 'CRM sync',
      enabled: true,
      version: 1,
    });
    expect(created.id).toMatch(/^whe_/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { secret: _, ...shown } = created;
    expect(await t.sb.webhooks.get(admin, created.id)).toEqual(shown);
    expect(await t.sb.webhooks.list(admin)).toEqual([shown]);
    // The secret is stored sealed: not in any column in clear.
    const row = await t.sb.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
  });

  it('records added, updated, secret_rotated and deleted in the audit log', async () => {
    const { id } = await t.sb.webhooks.create(admin, { url, eventTypes: ['user.*'] });
    await t.sb.webhooks.update(admin, id, { enabled: false, eventTypes: ['user.*'] });
    await t.sb.webhooks.rotateSecret(admin, id);
    await t.sb.webhooks.delete(admin, id);
    const { data } = await t.sb.audit.list(admin, { action: 'webhook_endpoint.*' });
    expect(data.map((e) => [e.action, e.changedFields])).toEqual([
      ['webhook_endpoint.deleted', []],
      ['webhook_endpoint.secret_rotated', ['secret']],
      ['webhook_endpoint.updated', ['enabled']],
      ['webhook_endpoint.added', ['url', 'eventTypes', 'description', 'secret']],
    ]);
    expect(data.every((e) => e.target.id === id)).toBe(true);
    await expect(t.sb.webhooks.get(admin, id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('counts versions and refuses a stale one (C1)', async () => {
    const { id } = await t.sb.webhooks.create(admin, { url });
    const updated = await t.sb.webhooks.update(admin, id, { description: 'v2' }, { ifVersion: 1 });
    expect(updated.version).toBe(2);
    // No change, no new version.
    expect((await t.sb.webhooks.update(admin, id, { description: 'v2' })).version).toBe(2);
    const stale = await failure(
      t.sb.webhooks.update(admin, id, { enabled: false }, { ifVersion: 1 }),
    );
    expect(isSwitchboardError(stale, 'precondition_failed')).toBe(true);
    await t.sb.webhooks.rotateSecret(admin, id);
    expect((await t.sb.webhooks.get(admin, id)).version).toBe(3);
    await expect(t.sb.webhooks.delete(admin, id, { ifVersion: 2 })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await t.sb.webhooks.delete(admin, id, { ifVersion: 3 });
  });

  it('is for admins only, and for their own account', async () => {
    const { id } = await t.sb.webhooks.create(admin, { url });
    for (const call of [
      t.sb.webhooks.list(member),
      t.sb.webhooks.create(member, { url }),
      t.sb.webhooks.get(member, id),
      t.sb.webhooks.rotateSecret(member, id),
      t.sb.webhooks.delete(member, id),
    ])
      expect(isSwitchboardError(await failure(call), 'forbidden')).toBe(true);
    const stranger = { ...admin, accountId: 'acc_00000000000000000000000000' };
    expect(isSwitchboardError(await failure(t.sb.webhooks.get(stranger, id)), 'not_found')).toBe(
      true,
    );
  });

  it('refuses URLs that are not https or name a private address (SSRF), naming the field', async () => {
    for (const bad of [
      'http://hooks.example.com/',
      'https://127.0.0.1/hooks',
      'https://10.0.0.5/hooks',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00::1]/',
      'https://localhost:8443/',
      'not a url',
    ]) {
      const error = await failure(t.sb.webhooks.create(admin, { url: bad }));
      expect(isSwitchboardError(error, 'validation_failed'), bad).toBe(true);
      expect((error as { issues: { path: string }[] }).issues[0]?.path, bad).toBe('url');
    }
    const { id } = await t.sb.webhooks.create(admin, { url });
    await expect(
      t.sb.webhooks.update(admin, id, { url: 'https://192.168.0.1/' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await t.sb.webhooks.list(admin)).toHaveLength(1);
  });

  it('refuses malformed event types', async () => {
    for (const eventTypes of [[], ['user'], ['User.added'], ['user.added.now'], ['*.added']]) {
      await expect(t.sb.webhooks.create(admin, { url, eventTypes })).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
  });

  it('caps an account at 20 endpoints with a clear error', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.sb.webhooks.create(admin, { url: `${url}/${i}` })),
    );
    const error = await failure(t.sb.webhooks.create(admin, { url: `${url}/21` }));
    expect(isSwitchboardError(error, 'webhook_endpoint_limit')).toBe(true);
    expect((error as Error).message).toMatch(/at most 20 webhook endpoints/);
    expect(await t.sb.webhooks.list(admin)).toHaveLength(20);
  });

  it('lists an endpoint’s deliveries newest first, by cursor, and not another account’s', async () => {
    const { id } = await t.sb.webhooks.create(admin, { url, eventTypes: ['user.added'] });
    for (let i = 0; i < 5; i++)
      await t.sb.users.add(admin, person('Test', `User${i}`, `user${i}@acme.test`));
    const first = await t.sb.webhooks.listDeliveries(admin, id, { limit: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await t.sb.webhooks.listDeliveries(admin, id, {
      limit: 3,
      cursor: first.nextCursor ?? '',
    });
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.data, ...second.data];
    expect(new Set(all.map((d) => d.id)).size).toBe(5);
    expect(all.every((d) => d.eventType === 'user.added' && d.eventId.startsWith('evt_'))).toBe(
      true,
    );
    const created = all.map((d) => d.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    await expect(
      t.sb.webhooks.retryDelivery(admin, id, 'whd_doesnotexist0000000000'),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('re-seals signing secrets under the newest key, so the old key can leave the ring', async () => {
    const { id } = await t.sb.webhooks.create(admin, { url });
    await t.sb.webhooks.rotateSecret(admin, id);
    const k2 = newKeyRingEntry('k2');
    const both = await t.another({ secretKeys: `${k2},${k1}` });
    await expect(both.webhooks.resealSecrets(admin as never)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await both.webhooks.resealSecrets(operatorActor())).toBe(1);
    expect(await both.webhooks.resealSecrets(operatorActor())).toBe(0);
    // Only the new key: both secrets still open (the attempt gets as far as resolving).
    // The other instances first finish the rounds their commits started (the rotation's
    // event), so the test event is sent by this one and no other.
    await t.sb.webhooks.idle();
    await both.webhooks.idle();
    const newest = await t.another({ secretKeys: k2 });
    await newest.webhooks.sendTest(admin, id);
    await newest.webhooks.flush();
    await newest.webhooks.idle();
    const [test] = (await newest.webhooks.listDeliveries(admin, id)).data;
    expect(test?.lastError).toBe('refused: hooks.example.com resolves to no address');
  });

  it('answers unavailable, naming the setting, without a key ring', async () => {
    const other = await t.another({ secretKeys: undefined });
    const error = await failure(other.webhooks.create(admin, { url }));
    expect(isSwitchboardError(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toMatch(/secretKeys.*SWITCHBOARD_SECRET_KEYS/);
  });
});
