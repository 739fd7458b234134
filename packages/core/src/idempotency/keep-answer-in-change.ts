import type { Executor } from '../db/database.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { keepAnswer } from './idempotency-repository.js';
import type { IdempotentRequest, KeptAnswer } from './idempotent-request.js';

/**
 * Keeps a keyed request's answer in the transaction of its change (called by the write
 * pipeline), so the change and its record commit together. Throws — rolling the change
 * back — when the request no longer holds its key (it ran so long another run took it over).
 */
export async function keepAnswerInChange(
  trx: Executor,
  request: IdempotentRequest,
  answer: KeptAnswer,
): Promise<void> {
  if (!(await keepAnswer(trx, request, answer))) {
    throw new SwitchboardError(
      'idempotency_key_in_use',
      'Another request with this Idempotency-Key took it over; retry to get its answer',
      { retryAfter: 1 },
    );
  }
}
