import { SwitchboardError } from '../errors/switchboard-error.js';
import type { OperatorActor, SystemActor } from './write-pipeline.js';

export type { OperatorActor, SystemActor } from './write-pipeline.js';

/**
 * The platform operator, passed first to the operator's methods (A2). The core does not
 * authenticate the operator: the embedding app decides who may act as one (the reference
 * server asks for its operator token) and only then makes this actor.
 *
 * @example await sb.operator.setDemo(operatorActor(), accountId, { demo: true })
 */
export function operatorActor(): OperatorActor {
  return { type: 'operator' };
}

function isActorOfType(actor: unknown, type: string): boolean {
  return (
    typeof actor === 'object' &&
    actor !== null &&
    !('userId' in actor) &&
    'type' in actor &&
    actor.type === type
  );
}

function notOperator(): SwitchboardError {
  return new SwitchboardError('forbidden', 'Only the platform operator may do this');
}

/** Throws `forbidden` unless the actor is the platform operator (A2): a user, even an admin, is not. */
export function requireOperator(actor: unknown): asserts actor is OperatorActor {
  if (!isActorOfType(actor, 'operator')) throw notOperator();
}

/** Throws `forbidden` unless the actor is the platform operator or Switchboard itself. */
export function requireOperatorOrSystem(
  actor: unknown,
): asserts actor is OperatorActor | SystemActor {
  if (!isActorOfType(actor, 'operator') && !isActorOfType(actor, 'system')) throw notOperator();
}
