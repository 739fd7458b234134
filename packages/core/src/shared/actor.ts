import { SwitchboardError } from '../errors/switchboard-error.js';
import type { RequestContext } from './request-context.js';

/**
 * Who is acting: a user of one account. Resolve it with `identity.actorFor(userId)` (or from
 * a session) and pass it first to every service method.
 */
export interface Actor {
  readonly userId: string;
  readonly accountId: string;
  readonly isAdmin: boolean;
  /** The session the request came with, when it came with one. */
  readonly sessionId?: string;
  /** The request the call comes from, when it comes from one (see `RequestContext`). */
  readonly request?: RequestContext;
}

/** Throws `forbidden` unless the actor is an admin of their account. */
export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new SwitchboardError('forbidden', 'Only account admins may do this');
}
