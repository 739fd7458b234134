import { createHash, randomBytes } from 'node:crypto';

/** A new single-use secret: 256 random bits, base64url. Only its hash is ever stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) under which a secret token is stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
