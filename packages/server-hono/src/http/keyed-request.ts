import { idempotencyKeySchema, type RouteDescriptor } from '@switchboard/contract';
import {
  type Actor,
  type IdempotentRequest,
  type KeptAnswer,
  type Logger,
  type OperatorActor,
  type Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import type { Context } from 'hono';
import { errorResponse } from './error-response.js';
import { listHeader } from './request-header.js';
import { answerOf, sendAnswer } from './route-answer.js';

/** The `Idempotency-Key` of a request, checked (400 `validation_failed` when malformed). */
export function idempotencyKeyOf(c: Context): string | undefined {
  const key = listHeader(c, 'idempotency-key');
  if (key === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(key);
  if (parsed.success) return parsed.data;
  throw new SwitchboardError('validation_failed', 'The Idempotency-Key header is not valid', {
    issues: [
      {
        path: 'Idempotency-Key',
        message: parsed.error.issues[0]?.message ?? 'Expected 1 to 255 printable ASCII characters',
      },
    ],
  });
}

/** Whose keys a key is among: each user's own, and the operator's. */
function callerOf(actor: Actor | OperatorActor): string {
  return 'userId' in actor ? `user:${actor.userId}` : 'operator';
}

export interface KeyedRun {
  switchboard: Switchboard;
  route: RouteDescriptor;
  caller: Actor | OperatorActor;
  key: string;
  body: unknown;
  requestId: string;
  logger: Pick<Logger, 'error'>;
  /** Runs the route's handler as this keyed request (its answer kept by the change). */
  handle(request: IdempotentRequest): Promise<unknown>;
}

/**
 * Runs a request sent with an idempotency key (C2): replays the answer kept for the key, or
 * claims the key and runs the route. The change keeps the answer in its own transaction (the
 * write pipeline); an answer without a change (a kept error, a read) is kept after it, and
 * an answer of a status that is not kept frees the key.
 */
export async function runKeyed(c: Context, run: KeyedRun): Promise<Response> {
  const { switchboard, route } = run;
  const start = await switchboard.idempotency.start({
    caller: callerOf(run.caller),
    key: run.key,
    method: route.method,
    path: c.req.path,
    body: run.body,
    answer: (result) => answerOf(route, result),
    secretAnswer: route.answerHoldsSecret === true,
  });
  if (start.replay) return sendAnswer(c, start.replay, true);
  const request = start.run;
  let answer: KeptAnswer;
  try {
    const result = await run.handle(request);
    answer = request.kept ?? answerOf(route, result);
  } catch (error) {
    const response = errorResponse(error, run.requestId, run.logger);
    // A run that lost its key to another run keeps nothing: the key is the other run's.
    if (error instanceof SwitchboardError && error.code === 'idempotency_key_in_use') {
      return response;
    }
    const headers = Object.fromEntries(response.headers);
    delete headers['x-request-id']; // each answer names its own request
    answer = { status: response.status, headers, body: await response.text() };
  }
  if (!request.kept) await switchboard.idempotency.finish(request, answer);
  return sendAnswer(c, answer, false);
}
