import {
  type IntegrationServiceInfo,
  integrationCreateSchema,
  integrationServiceInfoListSchema,
} from '@switchboard/contract';
import { type Actor, newKeyRingEntry, type Switchboard } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

/** Whether the core in this tree has its integration-service registry yet. */
const probe = inMemorySwitchboard().sb;
const coreHasServices = typeof Reflect.get(probe.integrations, 'services') === 'function';
await probe.close();

const twilio: IntegrationServiceInfo = {
  service: 'twilio',
  label: 'Twilio',
  fields: [{ name: 'authToken', label: 'Auth token', kind: 'secret', required: true }],
};
const twilioBody = z.strictObject({
  service: z.literal('twilio'),
  name: z.string(),
  authToken: z.string(),
});

/** The same core, its integrations seen through a registry the test controls (own properties). */
function withRegistry(
  sb: Switchboard,
  registry: { services?: () => IntegrationServiceInfo[]; createSchema?: z.ZodType },
): Switchboard {
  const integrations = Object.create(sb.integrations, {
    services: { value: registry.services },
    createSchema: { value: registry.createSchema },
  });
  return { ...sb, integrations };
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
}

describe('GET /v1/integration-services and the documented integration bodies', () => {
  let sb: Switchboard;
  let member: Actor | null;

  const get = (app: ReturnType<typeof createSwitchboardApp>, path: string) =>
    app.request(path, { headers: { authorization: 'Bearer t' } });
  const addBodySchema = async (app: ReturnType<typeof createSwitchboardApp>) => {
    const document = (await (await get(app, '/openapi.json')).json()) as OpenApi;
    return JSON.stringify(
      document.paths['/v1/integrations']?.post?.requestBody?.content['application/json'],
    );
  };

  beforeEach(async () => {
    ({ sb } = inMemorySwitchboard({ secretKeys: newKeyRingEntry('k1') }));
    await sb.migrate();
    const created = await sb.operator.createAccount({
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    const admin = await sb.identity.actorFor(created.admin.id);
    const added = await sb.users.add(admin, {
      firstName: 'G',
      lastName: 'H',
      email: 'g@acme.test',
    });
    member = await sb.identity.actorFor(added.id);
  });
  afterEach(async () => {
    await sb.close();
  });

  it('answers the registry’s services to any signed-in user, and 401 to nobody', async () => {
    const app = createSwitchboardApp(withRegistry(sb, { services: () => [twilio] }), {
      authenticate: () => member,
    });
    const response = await get(app, '/v1/integration-services');
    expect(response.status).toBe(200);
    expect(integrationServiceInfoListSchema.parse(await response.json())).toEqual({
      data: [twilio],
    });
    member = null;
    expect((await get(app, '/v1/integration-services')).status).toBe(401);
  });

  it('documents POST /v1/integrations with the core’s createSchema (a fourth service)', async () => {
    const fourth = createSwitchboardApp(
      withRegistry(sb, {
        createSchema: z.discriminatedUnion('service', [
          ...integrationCreateSchema.options,
          twilioBody,
        ]),
      }),
    );
    const documented = await addBodySchema(fourth);
    for (const service of ['dialogflow', 'dynamodb', 's3', 'twilio']) {
      expect(documented).toContain(`"const":"${service}"`);
    }
  });

  it('documents the contract’s three services when the core has no createSchema', async () => {
    const app = createSwitchboardApp(withRegistry(sb, {}));
    const documented = await addBodySchema(app);
    expect(documented).toContain('"const":"s3"');
    expect(documented).not.toContain('twilio');
  });

  it.skipIf(!coreHasServices)(
    'answers the core’s own services: dialogflow, dynamodb and s3 (needs switchboard.integrations.services() in the core)',
    async () => {
      const app = createSwitchboardApp(sb, { authenticate: () => member });
      const response = await get(app, '/v1/integration-services');
      expect(response.status).toBe(200);
      const { data } = integrationServiceInfoListSchema.parse(await response.json());
      expect(data.map((info) => info.service).sort()).toEqual(['dialogflow', 'dynamodb', 's3']);
    },
  );

  it.runIf(!coreHasServices)(
    'MISSING IN THE CORE: switchboard.integrations.services(); the route answers 500 until it lands',
    async () => {
      const errors: unknown[] = [];
      const app = createSwitchboardApp(sb, {
        authenticate: () => member,
        logger: { error: (...args: unknown[]) => void errors.push(args) },
      });
      expect((await get(app, '/v1/integration-services')).status).toBe(500);
      expect(JSON.stringify(errors)).toContain('switchboard.integrations.services() is missing');
    },
  );
});
