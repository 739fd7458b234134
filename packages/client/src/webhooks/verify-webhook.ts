import type { WebhookEvent } from '@switchboard/contract';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Request headers as fetch (`Headers`) or Node (`req.headers`) gives them. */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookOptions {
  /** Seconds the `webhook-timestamp` may be from now, either way. Default 300 (5 minutes). */
  toleranceSeconds?: number;
  /** The time to check the timestamp against. Default: now. */
  now?: Date;
}

const secretPrefix = 'whsec_';
const encoder = new TextEncoder();

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Verifies a webhook Switchboard sent (Standard Webhooks) and returns its event: the
 * `webhook-signature` header must hold a `v1,` signature — the HMAC-SHA-256 of
 * `{webhook-id}.{webhook-timestamp}.{body}` under the endpoint's secret — and the timestamp
 * must be within 5 minutes of now. Pass the body exactly as received (before any JSON
 * parsing), and during a rotation both secrets. Signatures are compared in constant time
 * (Web Crypto's HMAC verify). Throws `WebhookVerificationError` otherwise. Works in Node
 * and browsers (Web Crypto).
 *
 * @example const event = await verifyWebhook(await request.text(), request.headers, process.env.WEBHOOK_SECRET);
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError(
      'missing_headers',
      'The webhook-id, webhook-timestamp and webhook-signature headers are required',
    );
  const seconds = Number(timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  const tolerance = options.toleranceSeconds ?? 300;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - seconds) > tolerance)
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `The webhook-timestamp is more than ${tolerance} s from now (a replay, or a clock that is off)`,
    );
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const candidates = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => base64Bytes(entry.slice(3)))
    .filter((bytes) => bytes !== null);
  for (const one of [secret].flat()) {
    const keyBytes = base64Bytes(
      one.startsWith(secretPrefix) ? one.slice(secretPrefix.length) : one,
    );
    if (!keyBytes || keyBytes.length === 0) continue;
    const key = await crypto.subtle.importKey(
      'raw',
      keyBytes,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    for (const candidate of candidates) {
      if (await crypto.subtle.verify('HMAC', key, candidate, signed)) {
        return JSON.parse(new TextDecoder().decode(body)) as WebhookEvent;
      }
    }
  }
  throw new WebhookVerificationError(
    'no_matching_signature',
    'No signature in webhook-signature matches the secret: check the secret, and pass the body exactly as received',
  );
}
