import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { integrationSchema } from '@switchboard/contract';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../src/errors/switchboard-error.js';
import { IntegrationRegistry } from '../src/integrations/integration-registry.js';
import { newKeyRingEntry } from '../src/integrations/key-ring.js';
import { s3IntegrationService } from '../src/integrations/services/s3.js';
import type { Actor } from '../src/shared/actor.js';
import { operatorActor } from '../src/shared/operator-actor.js';
import { failure } from './support/failure.js';
import { testDatabaseKinds } from './support/test-databases.js';
import { createTestSwitchboard, type TestSwitchboard } from './support/test-switchboard.js';
import {
  startWebhookStore,
  type WebhookStoreServer,
  webhookStoreService,
} from './support/webhook-store-service.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const token = 'whs_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

let store: WebhookStoreServer;
beforeAll(async () => {
  store = await startWebhookStore(token);
});
afterAll(async () => {
  await store.stop();
});

/** A switchboard with the webhook store registered beside the built-in services. */
const webhookStoreOptions = {
  secretKeys: newKeyRingEntry('k1'),
  integrationServices: [webhookStoreService],
  integrationTimeoutMs: 3_000,
};

describe.each(testDatabaseKinds)('a fourth integration service on $name (I1–I6)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let member: Actor;
  const body = (name = 'Documents') => ({
    service: 'webhook-store' as const,
    name,
    url: store.url,
    token,
  });

  beforeEach(async () => {
    store.token = token;
    t = await createTestSwitchboard(kind, webhookStoreOptions);
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await t.sb.identity.actorFor(created.admin.id);
    member = await t.sb.identity.actorFor(
      (await t.sb.users.add(admin, { firstName: 'G', lastName: 'H', email: 'g@acme.test' })).id,
    );
  });
  afterEach(async () => {
    await t.close();
  });

  it('is offered beside the built-in services, with its form fields (I1)', () => {
    expect(t.sb.integrations.services().map((info) => info.service)).toEqual([
      'dialogflow',
      'dynamodb',
      's3',
      'webhook-store',
    ]);
    expect(t.sb.integrations.services().at(-1)).toEqual({
      service: 'webhook-store',
      label: 'Webhook store',
      fields: [
        { name: 'url', label: 'URL', kind: 'text', required: true, placeholder: 'https://…' },
        { name: 'token', label: 'Token', kind: 'secret', required: true },
      ],
    });
  });

  it('has its body in createSchema, beside the built-in bodies (I1)', () => {
    const { createSchema } = t.sb.integrations;
    expect(createSchema.safeParse(body()).success).toBe(true);
    expect(createSchema.safeParse({ ...body(), token: 'short' }).success).toBe(false);
    expect(createSchema.safeParse({ ...body(), extra: 1 }).success).toBe(false);
    expect(
      createSchema.safeParse({
        service: 's3',
        name: 'S3',
        key: 'k',
        secret: 's',
        endpoint: store.url,
      }).success,
    ).toBe(true);
    expect(createSchema.safeParse({ ...body(), service: 'fax' }).success).toBe(false);
  });

  it('adds after checking the token, lists, gets and answers only non-secret details (I1, I4, I5)', async () => {
    const added = await t.sb.integrations.add(admin, body());
    expect(added).toMatchObject({
      service: 'webhook-store',
      name: 'Documents',
      details: { url: store.url },
      status: { state: 'ok' },
    });
    // A client that knows only the contract parses an answer about a service it does not know.
    expect(integrationSchema.parse(added)).toEqual(added);
    expect((await t.sb.integrations.list(member)).map((i) => i.id)).toEqual([added.id]);
    expect(await t.sb.integrations.get(member, added.id)).toEqual(added);
    const rows = await t.sb.db.selectFrom('integrations').selectAll().execute();
    expect(JSON.stringify([added, rows])).not.toContain(token);
  });

  it('refuses a body that does not fit its schema, and an unknown service (I1)', async () => {
    const short = await failure(t.sb.integrations.add(admin, { ...body(), token: 'short' }));
    expect(isSwitchboardError(short, 'validation_failed')).toBe(true);
    expect((short as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['token']);
    const unknown = await failure(t.sb.integrations.add(admin, { service: 'fax', name: 'Fax' }));
    expect((unknown as { issues: { path: string; message: string }[] }).issues).toEqual([
      { path: 'service', message: 'Expected one of: dialogflow, dynamodb, s3, webhook-store' },
    ]);
  });

  it('says the service could not be reached when nothing answers (I5)', async () => {
    const error = await failure(
      t.sb.integrations.add(admin, { ...body(), url: `http://127.0.0.1:${await closedPort()}` }),
    );
    expect(isSwitchboardError(error, 'integration_unreachable')).toBe(true);
    expect((error as Error).message).toMatch(/^Webhook store: The service could not be reached/);
    expect(await t.sb.integrations.list(admin)).toEqual([]);
  });

  it('says the service refused, with its words scrubbed of the token, its fragments and base64 (I5, issue 17)', async () => {
    store.token = 'another-token-entirely';
    const error = await failure(t.sb.integrations.add(admin, body()));
    expect(isSwitchboardError(error, 'integration_unreachable')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^Webhook store: The service refused the credentials: .*is not valid/);
    expect(message).not.toContain(token.slice(0, 24));
    expect(message).not.toContain(token.slice(0, 8));
    expect(message).not.toContain(Buffer.from(token).toString('base64').slice(0, 12));
  });

  it('tests again, keeping the outcome; members see the state and a generic reason only (I5, issue 17)', async () => {
    const added = await t.sb.integrations.add(admin, body());
    store.token = 'rotated-on-the-store-side';
    const result = await t.sb.integrations.test(admin, added.id);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^The service refused/) });
    expect(result.reason).toContain('is not valid');
    expect(result.reason).not.toContain(token.slice(4, 16));
    const forAdmin = await t.sb.integrations.get(admin, added.id);
    expect(forAdmin.status).toMatchObject({ state: 'failing', reason: result.reason });
    const forMember = await t.sb.integrations.get(member, added.id);
    expect(forMember.status).toMatchObject({
      state: 'failing',
      reason: 'The service refused the credentials',
    });
    expect((await t.sb.integrations.list(member))[0]?.status.reason).toBe(
      'The service refused the credentials',
    );
    const stored = await t.sb.db
      .selectFrom('integrations')
      .select('status_reason')
      .executeTakeFirstOrThrow();
    expect(stored.status_reason).toBe(result.reason);
  });

  it('opens a typed connector for any user of the account, built from the sealed config (I6)', async () => {
    const added = await t.sb.integrations.add(admin, body());
    const connector = await t.sb.integrations.open(member, added.id, webhookStoreService);
    expect(connector.service).toBe('webhook-store');
    await connector.put('call-42', { minutes: 3 });
    expect(await connector.get('call-42')).toEqual({ minutes: 3 });
    expect(store.documents.get('call-42')).toEqual({ minutes: 3 });
    await connector.close();
    const wrong = await failure(t.sb.integrations.open(member, added.id, s3IntegrationService));
    expect(isSwitchboardError(wrong, 'validation_failed')).toBe(true);
  });

  it('never lets its configuration change: its own fields count as configuration (I3)', async () => {
    const added = await t.sb.integrations.add(admin, body());
    for (const field of ['url', 'token', 'service']) {
      const error = await failure(
        t.sb.integrations.update(admin, added.id, { name: 'Changed', [field]: 'x' } as never),
      );
      expect(isSwitchboardError(error, 'integration_config_immutable')).toBe(true);
    }
    expect((await t.sb.integrations.get(admin, added.id)).name).toBe('Documents');
  });

  it('can replace the whole list; integrations of a service no longer registered answer unavailable', async () => {
    const added = await t.sb.integrations.add(admin, body());
    const only = await t.another({ integrationServices: () => [s3IntegrationService] });
    expect(only.integrations.services().map((info) => info.service)).toEqual(['s3']);
    const add = await failure(only.integrations.add(admin, body('Other')));
    expect(isSwitchboardError(add, 'validation_failed')).toBe(true);
    expect((await only.integrations.get(admin, added.id)).service).toBe('webhook-store');
    const open = await failure(only.integrations.open(admin, added.id));
    expect(isSwitchboardError(open, 'unavailable')).toBe(true);
  });
});

describe('registering integration services', () => {
  it('refuses an id registered twice, or a createSchema whose service literal is not its id', () => {
    expect(() => IntegrationRegistry.from([webhookStoreService, webhookStoreService])).toThrow(
      /registered twice/,
    );
    expect(() => IntegrationRegistry.from([s3IntegrationService])).toThrow(/registered twice/);
    expect(() =>
      IntegrationRegistry.from([{ ...webhookStoreService, id: 'webhook-store-2' }]),
    ).toThrow(/createSchema/);
    expect(() => IntegrationRegistry.from([{ ...webhookStoreService, id: 'Webhook' }])).toThrow(
      /lower-case/,
    );
  });
});
