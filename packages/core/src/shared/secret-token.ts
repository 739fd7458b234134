import { hash } from 'node:crypto';
import { randomPoolBytes } from './random-pool.js';

/** A new single-use secret: 256 random bits, base64url. Only its hash is ever stored. */
export function newSecretToken(): string {
  return randomPoolBytes(32).toString('base64url');
}

/**
 * The SHA-256 (hex) under which a secret token is stored and looked up. One-shot `hash`:
 * a `Hash` object per call cost a signed-in request about a microsecond more.
 */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
