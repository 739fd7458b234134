import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDialogflow, startFakeDialogflow } from '../../test/support/fake-dialogflow.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';
import { newKeyRingEntry } from './key-ring.js';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const serviceAccount = {
  type: 'service_account',
  project_id: 'acme-front-desk',
  private_key_id: 'f00dfeed',
  private_key: privateKey,
  client_email: 'switchboard@acme-front-desk.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
};

let dialogflow: FakeDialogflow;
beforeAll(async () => {
  dialogflow = await startFakeDialogflow('acme-front-desk');
});
afterAll(async () => {
  await dialogflow.stop();
});

describe.each(testDatabaseKinds)('Dialogflow integrations on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      serviceEndpoints: { dialogflow: dialogflow.endpoint },
      integrationTimeoutMs: 5_000,
    });
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await t.sb.identity.actorFor(created.admin.id);
  });
  afterEach(async () => {
    await t.close();
  });

  it('adds an agent from its service-account JSON text after GetAgent succeeds (I1, I5)', async () => {
    const added = await t.sb.integrations.add(admin, {
      service: 'dialogflow',
      name: 'Front desk',
      config: JSON.stringify(serviceAccount),
    });
    expect(added).toMatchObject({
      service: 'dialogflow',
      details: { projectId: 'acme-front-desk', clientEmail: serviceAccount.client_email },
      status: { state: 'ok' },
    });
    expect(JSON.stringify(added)).not.toContain('PRIVATE KEY');
  });

  it('refuses an agent the service does not know: 422 with the service’s reason (I5)', async () => {
    const error = await t.sb.integrations
      .add(admin, {
        service: 'dialogflow',
        name: 'Wrong',
        config: { ...serviceAccount, project_id: 'nobody' },
      })
      .catch((e: unknown) => e);
    expect(isSwitchboardError(error, 'integration_unreachable')).toBe(true);
    expect((error as Error).message).toMatch(
      /^Google Dialogflow: The service refused the credentials: .*No agent in projects\/nobody/,
    );
    expect((error as Error).message).not.toContain(privateKey.split('\n')[2] ?? 'x');
  });

  it('says the service could not be reached when no Dialogflow answers (I5)', async () => {
    const elsewhere = await t.another({
      secretKeys: newKeyRingEntry('k1'),
      serviceEndpoints: { dialogflow: '127.0.0.1:1' },
      integrationTimeoutMs: 3_000,
    });
    const error = await elsewhere.integrations
      .add(admin, { service: 'dialogflow', name: 'Nowhere', config: serviceAccount })
      .catch((e: unknown) => e);
    expect(isSwitchboardError(error, 'integration_unreachable')).toBe(true);
    expect((error as Error).message).toMatch(
      /^Google Dialogflow: The service could not be reached/,
    );
  });

  it('refuses a key that is not a service-account key (I1)', async () => {
    const notServiceAccount = await t.sb.integrations
      .add(admin, {
        service: 'dialogflow',
        name: 'X',
        config: { ...serviceAccount, type: 'authorized_user' },
      })
      .catch((e: unknown) => e);
    expect(isSwitchboardError(notServiceAccount, 'validation_failed')).toBe(true);
    const badKey = await t.sb.integrations
      .add(admin, {
        service: 'dialogflow',
        name: 'X',
        config: { ...serviceAccount, private_key: 'not a key' },
      })
      .catch((e: unknown) => e);
    expect((badKey as { issues: { path: string }[] }).issues[0]?.path).toBe('config.private_key');
  });

  it('detects intents through the connector (I6)', async () => {
    const added = await t.sb.integrations.add(admin, {
      service: 'dialogflow',
      name: 'Front desk',
      config: serviceAccount,
    });
    const connector = await t.sb.integrations.open(admin, added.id);
    if (connector.service !== 'dialogflow') throw new Error('expected dialogflow');
    const result = await connector.detectIntent({
      sessionId: 'call-42',
      text: 'I have a question about my bill',
    });
    await connector.close();
    expect(result).toMatchObject({
      intent: 'billing.question',
      fulfillmentText: 'Let me connect you to billing.',
    });
    expect(result.confidence).toBeCloseTo(0.92, 5); // a float on the wire
    expect(dialogflow.queries.at(-1)?.session).toBe(
      'projects/acme-front-desk/agent/sessions/call-42',
    );
  });
});
