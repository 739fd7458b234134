import { createClient, type SwitchboardClient } from '@switchboard/client';
import { integrationServiceInfoListSchema } from '@switchboard/contract';
import { newKeyRingEntry, operatorActor, type Switchboard } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from '../support/in-memory-switchboard.js';
import { startTicketStore, ticketStoreService } from '../support/ticket-store-service.js';

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
}

/**
 * A fourth integration service, registered in one line, is picked up by the HTTP API, the
 * OpenAPI document and the client with no other change (issue 18). The console's Add form
 * draws from the same list (see test/console/fourth-integration-service.browser.test.ts).
 */
describe('a fourth integration service over HTTP (I1)', () => {
  let sb: Switchboard;
  let store: Awaited<ReturnType<typeof startTicketStore>>;
  let admin: SwitchboardClient;
  let app: ReturnType<typeof createSwitchboardApp>;
  const apiKey = 'ticket-store-key-0123456789';

  beforeEach(async () => {
    store = await startTicketStore(apiKey);
    ({ sb } = inMemorySwitchboard({
      secretKeys: newKeyRingEntry('k1'),
      integrationServices: [ticketStoreService],
    }));
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    const actor = await sb.identity.actorFor(created.admin.id);
    app = createSwitchboardApp(sb, { authenticate: () => actor });
    admin = createClient({
      baseUrl: 'http://switchboard.test',
      fetch: (input, init) => app.fetch(new Request(input, init)),
      retry: 0,
    });
  });
  afterEach(async () => {
    await sb.close();
    await store.stop();
  });

  it('is listed with its form fields by GET /v1/integration-services', async () => {
    const response = await app.request('/v1/integration-services');
    expect(response.status).toBe(200);
    const { data } = integrationServiceInfoListSchema.parse(await response.json());
    expect(data.map((s) => s.service)).toEqual(['dialogflow', 'dynamodb', 's3', 'ticket-store']);
    expect(data.at(-1)).toEqual({
      service: 'ticket-store',
      label: 'Ticket store',
      fields: ticketStoreService.formFields,
    });
    expect((await admin.integrations.services()).at(-1)?.service).toBe('ticket-store');
  });

  it('is documented as a body of POST /v1/integrations', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as OpenApi;
    const body = JSON.stringify(
      document.paths['/v1/integrations']?.post?.requestBody?.content['application/json'],
    );
    for (const service of ['dialogflow', 'dynamodb', 's3', 'ticket-store'])
      expect(body).toContain(`"const":"${service}"`);
    expect(body).toContain('"apiKey"');
  });

  it('is added after its check, listed and read without its secret, through the client', async () => {
    const added = await admin.integrations.add({
      service: 'ticket-store',
      name: 'Support tickets',
      url: store.url,
      apiKey,
    });
    expect(added).toMatchObject({
      service: 'ticket-store',
      details: { url: store.url },
      status: { state: 'ok' },
    });
    const listed = await admin.integrations.list();
    expect(listed.map((i) => i.name)).toEqual(['Support tickets']);
    expect(JSON.stringify(listed)).not.toContain(apiKey);
    expect(await admin.integrations.test(added.id)).toEqual({ ok: true });
  });

  it('is refused with its own field errors, and a wrong key with integration_unreachable', async () => {
    const bad = await app.request('/v1/integrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'ticket-store', name: 'T', url: 'nope', apiKey: 'short' }),
    });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['url', 'apiKey']));
    const refused = await app.request('/v1/integrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'ticket-store',
        name: 'T',
        url: store.url,
        apiKey: 'wrong-key-0123456789',
      }),
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { code: string }).code).toBe('integration_unreachable');
  });
});
