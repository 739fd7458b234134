// The identity area's public API: its services, and what other areas may do to a user's
// sign-ins inside their own changes. Only this area's files touch sessions, emailed tokens,
// sign-in challenges and rate-limit counters.
export type { IdentityDeps, RequestOrigin } from './identity-options.js';
export { IdentityService } from './identity-service.js';
export { activationLink, passwordResetLink } from './links.js';
export { MeService } from './me-service.js';
export { asvsScrypt, PasswordHasher, type ScryptParameters } from './password-hasher.js';
export { defaultRateLimits, RateLimiter, type RateLimitOptions } from './rate-limiter.js';
export { deleteUserSessions, endSignIns } from './session-repository.js';
export { issueUserToken, type TokenPurpose } from './user-token-repository.js';
