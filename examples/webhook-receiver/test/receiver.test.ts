import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient } from '@switchboard/client';
import type { Hono } from 'hono';
import { createReceiver, type SwitchboardEvent, webhookPath } from '../src/receiver.ts';
import { listen, startSwitchboard } from './start-switchboard.ts';

interface RawDelivery {
  headers: Record<string, string>;
  body: string;
}

test('the receiver verifies a delivery from a real Switchboard and refuses a tampered one', {
  timeout: 120_000,
}, async () => {
  const switchboard = await startSwitchboard();
  const events: SwitchboardEvent[] = [];
  const refusals: string[] = [];
  const raw: RawDelivery[] = [];
  let changed = () => {};

  // The receiver needs the endpoint's secret, which Switchboard answers only once the
  // endpoint (its URL, so its port) is registered: the port is taken first, and requests go
  // to the receiver once it exists. Each request is also kept as it arrived.
  let receiver: Hono | undefined;
  const receiving = await listen(async (request) => {
    const copy = request.clone();
    raw.push({ headers: Object.fromEntries(copy.headers), body: await copy.text() });
    return receiver ? receiver.fetch(request) : new Response('not ready', { status: 503 });
  });
  const url = `http://127.0.0.1:${receiving.port}${webhookPath}`;

  /** What `find` returns, once it returns something: checked again after each request. */
  async function until<T>(find: () => T | undefined): Promise<T> {
    for (;;) {
      if (refusals.length > 0) throw new Error(`a delivery was refused: ${refusals.join('; ')}`);
      const found = find();
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => (changed = resolve));
    }
  }

  try {
    // An admin signs in over the HTTP API and registers the receiver.
    const signedOut = createClient({ baseUrl: switchboard.url });
    const { token } = await signedOut.auth.activate({
      token: switchboard.activationToken,
      password: 'a long and private passphrase',
    });
    const admin = signedOut.withToken(token);
    const endpoint = await admin.webhookEndpoints.create({
      url,
      eventTypes: ['user.*'],
      description: 'webhook-receiver example',
    });
    assert.match(endpoint.secret, /^whsec_/);

    receiver = createReceiver({
      secret: endpoint.secret,
      onEvent: (event) => {
        events.push(event);
        changed();
      },
      log: (line) => {
        refusals.push(line);
        changed();
      },
    });

    // A change made through the API is delivered in the background, signed.
    const grace = await admin.users.add({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.example',
    });
    const added = await until(() =>
      events.find((event) => event.type === 'user.added' && event.data.object.id === grace.id),
    );
    assert.equal(added.data.object.email, 'grace@acme.example');
    assert.equal(added.data.object.firstName, 'Grace');
    assert.match(added.id, /^evt_/);

    // Switchboard recorded the receiver's quick 204 as a success.
    await switchboard.sb.webhooks.idle();
    const [delivery] = (await admin.webhookEndpoints.deliveries(endpoint.id)).data;
    assert.equal(delivery?.eventId, added.id);
    assert.equal(delivery?.status, 'succeeded');
    assert.equal(delivery?.lastResponseStatus, 204);

    // The same delivery with its body changed, or without its signature, is refused.
    const genuine = raw.find((request) => request.headers['webhook-id'] === added.id);
    assert.ok(genuine, 'the delivery was not kept');
    const post = (body: string, headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const signed = {
      'webhook-id': genuine.headers['webhook-id'] ?? '',
      'webhook-timestamp': genuine.headers['webhook-timestamp'] ?? '',
      'webhook-signature': genuine.headers['webhook-signature'] ?? '',
    };
    const tamperedBody = genuine.body.replace('"grace@acme.example"', '"mallory@acme.example"');
    assert.notEqual(tamperedBody, genuine.body);
    const tampered = await post(tamperedBody, signed);
    assert.equal(tampered.status, 400);
    await tampered.text();
    const unsigned = await post(genuine.body, {});
    assert.equal(unsigned.status, 400);
    await unsigned.text();
    assert.equal(refusals.length, 2);
    assert.match(refusals[0] ?? '', /No matching signature/);
    assert.match(refusals[1] ?? '', /Missing required headers/);
    assert.equal(events.length, 1, 'only the genuine delivery reached onEvent');
  } finally {
    // Switchboard first: it finishes its attempts to the receiver before it closes.
    await switchboard.close();
    await new Promise<void>((resolve) => receiving.server.close(() => resolve()));
  }
});
