// The idempotency area's public API (C2): keys, their claims and kept answers.
export { IdempotencyService, type KeyedRequest, type KeyedStart } from './idempotency-service.js';
export {
  derivedId,
  type IdempotentRequest,
  isKeptStatus,
  type KeptAnswer,
  requestFingerprint,
} from './idempotent-request.js';
export { claimKeyInChange, keepAnswerInChange } from './keep-answer-in-change.js';
