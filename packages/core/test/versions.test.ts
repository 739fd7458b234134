import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../src/errors/switchboard-error.js';
import { newKeyRingEntry } from '../src/integrations/key-ring.js';
import type { Actor } from '../src/shared/actor.js';
import { operatorActor } from '../src/shared/operator-actor.js';
import { failure } from './support/failure.js';
import { openAcmeAccount, person } from './support/test-account.js';
import { testDatabaseKinds } from './support/test-databases.js';
import { createTestSwitchboard, type TestSwitchboard } from './support/test-switchboard.js';
import {
  startWebhookStore,
  type WebhookStoreServer,
  webhookStoreService,
} from './support/webhook-store-service.js';

const storeToken = 'whs_live_0a1b2c3d4e5f60718293a4b5c6d7e8f9';

const isPreconditionFailed = (error: unknown) =>
  isSwitchboardError(error) && error.code === 'precondition_failed';

describe.each(testDatabaseKinds)('versions (C1) on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let store: WebhookStoreServer;

  beforeEach(async () => {
    store = await startWebhookStore(storeToken);
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      integrationServices: [webhookStoreService],
    });
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
    await store.stop();
  });

  const addUser = (first: string) =>
    t.sb.users.add(admin, person(first, 'Tester', `${first.toLowerCase()}@acme.test`));

  it('starts every resource at version 1', async () => {
    const user = await addUser('Grace');
    const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
    expect(user.version).toBe(1);
    expect((await t.sb.account.get(admin)).version).toBe(1);
    // A number's row is written twice while it is bought; its first answered version is 2.
    expect(number.version).toBeGreaterThanOrEqual(1);
  });

  it('counts a user’s change by every path: an admin’s edit and the user’s own', async () => {
    const user = await addUser('Grace');
    const edited = await t.sb.users.update(admin, user.id, { lastName: 'Hopper' });
    expect(edited.version).toBe(user.version + 1);
    const grace = await t.sb.identity.actorFor(user.id);
    const renamed = await t.sb.me.update(grace, { firstName: 'Amazing Grace' });
    expect(renamed.version).toBe(edited.version + 1);
    expect((await t.sb.users.get(admin, user.id)).version).toBe(renamed.version);
  });

  it('leaves the version alone when nothing changes', async () => {
    const user = await addUser('Grace');
    const same = await t.sb.users.update(admin, user.id, { firstName: 'Grace' }, { ifVersion: 1 });
    expect(same.version).toBe(1);
  });

  it('counts a number reassigned by its owner’s deletion (U5)', async () => {
    const user = await addUser('Grace');
    const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free', ownerId: user.id });
    await t.sb.users.delete(admin, user.id);
    const [after] = (await t.sb.phoneNumbers.list(admin)).data;
    expect(after).toMatchObject({ id: number.id, ownerId: admin.userId });
    expect(after?.version).toBe(number.version + 1);
  });

  it('changes a user named at their current version, or with *', async () => {
    const user = await addUser('Grace');
    const first = await t.sb.users.update(admin, user.id, { lastName: 'Hopper' }, { ifVersion: 1 });
    const second = await t.sb.users.update(
      admin,
      user.id,
      { lastName: 'Murray' },
      { ifVersion: '*' },
    );
    expect([first.version, second.version]).toEqual([2, 3]);
  });

  it('refuses a stale version of every resource and changes nothing', async () => {
    const user = await addUser('Grace');
    await t.sb.users.update(admin, user.id, { lastName: 'Hopper' });
    expect(
      isPreconditionFailed(
        await failure(t.sb.users.update(admin, user.id, { lastName: 'Stale' }, { ifVersion: 1 })),
      ),
    ).toBe(true);
    expect(
      isPreconditionFailed(await failure(t.sb.users.delete(admin, user.id, {}, { ifVersion: 1 }))),
    ).toBe(true);
    expect(await t.sb.users.get(admin, user.id)).toMatchObject({ lastName: 'Hopper', version: 2 });

    await t.sb.account.update(admin, { city: 'Boston' });
    expect(
      isPreconditionFailed(
        await failure(t.sb.account.update(admin, { city: 'Stale' }, { ifVersion: 1 })),
      ),
    ).toBe(true);
    expect(await t.sb.account.get(admin)).toMatchObject({ city: 'Boston', version: 2 });

    const grace = await t.sb.identity.actorFor(user.id);
    expect(
      isPreconditionFailed(
        await failure(t.sb.me.update(grace, { firstName: 'Stale' }, { ifVersion: 1 })),
      ),
    ).toBe(true);

    const number = await t.sb.phoneNumbers.request(admin, { type: 'toll_free' });
    const stale = number.version - 1;
    expect(
      isPreconditionFailed(
        await failure(
          t.sb.phoneNumbers.update(
            admin,
            number.id,
            { applicationId: 'app_1' },
            { ifVersion: stale },
          ),
        ),
      ),
    ).toBe(true);
    expect(
      isPreconditionFailed(
        await failure(t.sb.phoneNumbers.release(admin, number.id, { ifVersion: stale })),
      ),
    ).toBe(true);
    expect((await t.sb.phoneNumbers.list(admin)).data).toMatchObject([
      { id: number.id, applicationId: null },
    ]);
    await t.sb.phoneNumbers.release(admin, number.id, { ifVersion: number.version });
    expect((await t.sb.phoneNumbers.list(admin)).data).toEqual([]);

    const integration = await t.sb.integrations.add(admin, {
      service: 'webhook-store',
      name: 'Documents',
      url: store.url,
      token: storeToken,
    });
    const renamed = await t.sb.integrations.update(
      admin,
      integration.id,
      { name: 'Docs' },
      { ifVersion: integration.version },
    );
    expect(renamed.version).toBe(integration.version + 1);
    expect(
      isPreconditionFailed(
        await failure(
          t.sb.integrations.delete(admin, integration.id, { ifVersion: integration.version }),
        ),
      ),
    ).toBe(true);
    expect((await t.sb.integrations.get(admin, integration.id)).name).toBe('Docs');
  });

  it('of two admins editing one user from the same version, exactly one wins', async () => {
    const user = await addUser('Grace');
    const other = await t.sb.identity.actorFor(
      (await t.sb.users.add(admin, { ...person('Alan', 'Admin', 'alan@acme.test'), isAdmin: true }))
        .id,
    );
    const results = await Promise.allSettled([
      t.sb.users.update(admin, user.id, { lastName: 'Ada’s edit' }, { ifVersion: 1 }),
      t.sb.users.update(other, user.id, { lastName: 'Alan’s edit' }, { ifVersion: 1 }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isPreconditionFailed(lost[0]?.reason)).toBe(true);
    const stored = await t.sb.users.get(admin, user.id);
    expect(stored.version).toBe(2);
    expect(stored.lastName).toBe(won[0]?.status === 'fulfilled' ? won[0].value.lastName : '');
  });

  it('counts the operator’s demo flag on the account', async () => {
    const account = await t.sb.account.get(admin);
    const flagged = await t.sb.operator.setDemo(operatorActor(), account.id, { demo: true });
    expect(flagged.version).toBe(account.version + 1);
  });
});
