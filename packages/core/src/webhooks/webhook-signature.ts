import { createHmac, randomBytes } from 'node:crypto';

const secretPrefix = 'whsec_';

/**
 * A new endpoint secret as Standard Webhooks writes them: `whsec_` and the base64 of 32
 * random bytes.
 *
 * @example newWebhookSecret() // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw…='
 */
export function newWebhookSecret(): string {
  return `${secretPrefix}${randomBytes(32).toString('base64')}`;
}

/** The HMAC key of a secret: the bytes its base64 part encodes. */
function secretKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret,
    'base64',
  );
}

/**
 * The `webhook-signature` header of one attempt: `v1,` and the base64 HMAC-SHA-256 of
 * `{id}.{timestamp}.{body}` under each secret, space-separated (two during a rotation).
 *
 * @example signatureHeader([secret], 'evt_…', 1764680000, '{"id":"evt_…"}') // 'v1,K5oZfz…='
 */
export function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): string {
  const content = `${id}.${timestamp}.${body}`;
  return secrets
    .map(
      (secret) => `v1,${createHmac('sha256', secretKey(secret)).update(content).digest('base64')}`,
    )
    .join(' ');
}
