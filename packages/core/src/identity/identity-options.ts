import type { PasswordHasher } from './password-hasher.js';
import type { RateLimiter } from './rate-limiter.js';

/** What the identity services share besides the ServiceContext. */
export interface IdentityDeps {
  passwords: PasswordHasher;
  rateLimiter: RateLimiter;
  /** A session ends after this long without use (sliding expiry). */
  sessionIdleMs: number;
}

/** Where a request came from, for rate limits (D3). */
export interface RequestOrigin {
  /** The client's IP address as the server sees it. Default `'unknown'`. */
  clientAddress?: string;
  /** The request's id (`x-request-id`), kept with the audit event a sign-in or link causes. */
  requestId?: string;
}

/** Sign-in codes live 10 minutes and allow 5 attempts (D2). */
export const loginChallengeLifetimeMs = 10 * 60 * 1000;
export const loginChallengeMaxAttempts = 5;
