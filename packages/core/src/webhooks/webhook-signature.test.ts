import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader } from './webhook-signature.js';

describe('signatureHeader', () => {
  it('signs as Standard Webhooks does: v1, base64 HMAC-SHA-256 of id.timestamp.body', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = '{"id":"evt_1","type":"user.added"}';
    const at = new Date('2026-11-23T09:00:00.000Z');
    const timestamp = at.getTime() / 1000;
    expect(signatureHeader([secret], 'evt_1', timestamp, body)).toBe(
      new Webhook(secret).sign('evt_1', at, body),
    );
  });

  it('gives one space-separated signature per secret (a rotation)', () => {
    const [older, newer] = [newWebhookSecret(), newWebhookSecret()];
    const header = signatureHeader([newer, older], 'evt_2', 1764000000, '{}');
    const at = new Date(1764000000 * 1000);
    expect(header.split(' ')).toEqual([
      new Webhook(newer).sign('evt_2', at, '{}'),
      new Webhook(older).sign('evt_2', at, '{}'),
    ]);
  });
});
