import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  isWebhookVerificationError,
  PreconditionFailedError,
  type SwitchboardClient,
  ValidationError,
  verifyWebhook,
} from '@switchboard/client';
import { newKeyRingEntry, type Switchboard } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from '../support/in-memory-switchboard.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Webhooks end to end: an admin manages endpoints through the client against the real app,
 * a change made through the API is delivered to a real local receiver, and the receiver
 * verifies it with the client's `verifyWebhook`.
 */
describe('webhooks through the API, to a real receiver', () => {
  let sb: Switchboard;
  let admin: SwitchboardClient;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeEach(async () => {
    received.length = 0;
    receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    ({ sb } = inMemorySwitchboard({
      secretKeys: newKeyRingEntry('k1'),
      // A receiver on this machine over http: what a development server allows.
      webhooks: { allowHttp: true, allowPrivateAddresses: true },
    }));
    await sb.migrate();
    const created = await sb.operator.createAccount(
      { type: 'operator' },
      {
        companyName: 'Acme',
        admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
      },
    );
    const actor = await sb.identity.actorFor(created.admin.id);
    const app = createSwitchboardApp(sb, { authenticate: () => actor });
    admin = createClient({
      baseUrl: 'http://switchboard.internal',
      fetch: (input, init) => app.fetch(new Request(input, init)),
    });
  });
  afterEach(async () => {
    await sb.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const delivered = async () => {
    await sb.webhooks.flush();
    await sb.webhooks.idle();
    return received;
  };

  it('delivers a change made through the API, verified by verifyWebhook', async () => {
    const endpoint = await admin.webhookEndpoints.create({
      url: receiverUrl,
      eventTypes: ['user.*'],
      description: 'CRM sync',
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(await admin.webhookEndpoints.list()).toEqual([
      expect.not.objectContaining({ secret: expect.anything() }),
    ]);
    const grace = await admin.users.add({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    const [hook] = await delivered();
    if (!hook) throw new Error('nothing delivered');
    const event = await verifyWebhook(hook.body, hook.headers, endpoint.secret);
    expect(event).toMatchObject({ type: 'user.added', data: { object: { id: grace.id } } });
    const tampered = await verifyWebhook(`${hook.body} `, hook.headers, endpoint.secret).catch(
      (e: unknown) => e,
    );
    expect(isWebhookVerificationError(tampered)).toBe(true);

    const { data } = await admin.webhookEndpoints.deliveries(endpoint.id);
    expect(data).toEqual([
      expect.objectContaining({ eventId: event.id, status: 'succeeded', lastResponseStatus: 204 }),
    ]);
    await admin.webhookEndpoints.retryDelivery(endpoint.id, data[0]?.id ?? '');
    expect(await delivered()).toHaveLength(2);
  });

  it('rotates the secret: the next deliveries verify with the new secret and the old one', async () => {
    const endpoint = await admin.webhookEndpoints.create({ url: receiverUrl });
    const { secret } = await admin.webhookEndpoints.rotateSecret(endpoint.id);
    await admin.webhookEndpoints.sendTest(endpoint.id);
    const test = (await delivered()).find((hook) => hook.body.includes('"webhook.test"'));
    if (!test) throw new Error('no test event');
    expect((await verifyWebhook(test.body, test.headers, secret)).type).toBe('webhook.test');
    expect((await verifyWebhook(test.body, test.headers, endpoint.secret)).type).toBe(
      'webhook.test',
    );
  });

  it('updates with If-Match, refuses private addresses, and deletes', async () => {
    const endpoint = await admin.webhookEndpoints.create({ url: receiverUrl });
    const off = await admin.webhookEndpoints.update(
      endpoint.id,
      { enabled: false },
      { ifMatch: endpoint.version },
    );
    expect(off).toMatchObject({ enabled: false, version: 2 });
    expect(
      await admin.webhookEndpoints
        .update(endpoint.id, { enabled: true }, { ifMatch: endpoint.version })
        .catch((e: unknown) => e),
    ).toBeInstanceOf(PreconditionFailedError);
    // This server allows private addresses; a strict one refuses them (see the core's tests),
    // and every server refuses what is not a URL.
    expect(
      await admin.webhookEndpoints.create({ url: 'hooks' }).catch((e: unknown) => e),
    ).toBeInstanceOf(ValidationError);
    await admin.webhookEndpoints.delete(endpoint.id, { ifMatch: 2 });
    expect(await admin.webhookEndpoints.list()).toEqual([]);
  });
});
