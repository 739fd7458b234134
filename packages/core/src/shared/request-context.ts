import type { IdempotentRequest } from '../idempotency/index.js';

/**
 * The request a change comes from, as the server hands it to the core on the actor
 * (`{ ...actor, request }`): the audit log keeps its id and client address (E1), and a
 * request sent with an idempotency key keeps its answer in the change's transaction (C2).
 *
 * @example sb.users.add({ ...actor, request: { requestId, clientAddress } }, input)
 */
export interface RequestContext {
  /** The request's id, as answered in `x-request-id`. */
  readonly requestId?: string;
  /** The caller's address (IP), as the server sees it. */
  readonly clientAddress?: string;
  /** The keyed request this change answers, when it was sent with an `Idempotency-Key`. */
  readonly idempotency?: IdempotentRequest;
}
