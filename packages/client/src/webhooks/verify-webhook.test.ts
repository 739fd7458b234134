import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from './verify-webhook.js';
import { isWebhookVerificationError } from './webhook-verification-error.js';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** A signature as the Standard Webhooks specification defines it, made with node:crypto. */
function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const now = new Date('2026-11-23T09:00:00.000Z');
const timestamp = now.getTime() / 1000;
const event = {
  id: 'evt_1',
  type: 'user.added',
  createdAt: now.toISOString(),
  accountId: 'acc_1',
  data: { object: { id: 'usr_1' }, changedFields: [], actor: { type: 'user', id: 'usr_0' } },
};
const body = JSON.stringify(event);

const headersFor = (signature: string, at = timestamp) => ({
  'webhook-id': 'evt_1',
  'webhook-timestamp': String(at),
  'webhook-signature': signature,
});

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isWebhookVerificationError(error)) return error.reason;
    throw error;
  }
  return 'verified';
}

describe('verifyWebhook', () => {
  const secret = newSecret();

  it('returns the event of a delivery signed with the secret', async () => {
    const headers = headersFor(sign(secret, 'evt_1', timestamp, body));
    expect(await verifyWebhook(body, headers, secret, { now })).toEqual(event);
    // fetch's Headers, Node's header object with other cases, and a byte body alike.
    expect(await verifyWebhook(body, new Headers(headers), secret, { now })).toEqual(event);
    const shouting = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key.toUpperCase(), value]),
    );
    expect(await verifyWebhook(new TextEncoder().encode(body), shouting, secret, { now })).toEqual(
      event,
    );
  });

  it('accepts any one matching signature of several (a rotation), and several secrets', async () => {
    const older = newSecret();
    const both = `${sign(secret, 'evt_1', timestamp, body)} ${sign(older, 'evt_1', timestamp, body)}`;
    expect(await reason(verifyWebhook(body, headersFor(both), older, { now }))).toBe('verified');
    expect(await reason(verifyWebhook(body, headersFor(both), secret, { now }))).toBe('verified');
    const onlyOld = headersFor(`v2,ignored ${sign(older, 'evt_1', timestamp, body)}`);
    expect(await reason(verifyWebhook(body, onlyOld, [secret, older], { now }))).toBe('verified');
  });

  it('refuses a changed body, another secret, another id or a malformed signature', async () => {
    const signature = sign(secret, 'evt_1', timestamp, body);
    expect(await reason(verifyWebhook(`${body} `, headersFor(signature), secret, { now }))).toBe(
      'no_matching_signature',
    );
    expect(await reason(verifyWebhook(body, headersFor(signature), newSecret(), { now }))).toBe(
      'no_matching_signature',
    );
    const otherId = { ...headersFor(signature), 'webhook-id': 'evt_2' };
    expect(await reason(verifyWebhook(body, otherId, secret, { now }))).toBe(
      'no_matching_signature',
    );
    expect(await reason(verifyWebhook(body, headersFor('v1,%%%'), secret, { now }))).toBe(
      'no_matching_signature',
    );
  });

  it('refuses a timestamp more than 5 minutes away, either way (replays)', async () => {
    for (const at of [timestamp - 301, timestamp + 301]) {
      const headers = headersFor(sign(secret, 'evt_1', at, body), at);
      expect(await reason(verifyWebhook(body, headers, secret, { now }))).toBe(
        'timestamp_out_of_tolerance',
      );
    }
    const edge = timestamp - 300;
    const headers = headersFor(sign(secret, 'evt_1', edge, body), edge);
    expect(await reason(verifyWebhook(body, headers, secret, { now }))).toBe('verified');
  });

  it('refuses a delivery without the three headers', async () => {
    const { 'webhook-signature': _, ...unsigned } = headersFor('v1,x');
    expect(await reason(verifyWebhook(body, unsigned, secret, { now }))).toBe('missing_headers');
  });
});
