import { createHash, randomInt } from 'node:crypto';

/** A 6-digit sign-in code, uniformly random (D2). */
export function newLoginCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** How a code is stored: SHA-256 bound to its challenge, so a hash is useless elsewhere. */
export function hashLoginCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`).digest('hex');
}
