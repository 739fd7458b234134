import type { Executor } from '../db/database.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { insertKey, keepAnswer } from './idempotency-repository.js';
import type { IdempotentRequest, KeptAnswer } from './idempotent-request.js';

/**
 * Keeps a keyed request's answer: inserts the key's row with it (a key new to the
 * database) or fills in the row this run claimed. False when another run has the key: it
 * inserted the key first, or took over this run's claim.
 */
export function saveAnswer(
  db: Executor,
  request: IdempotentRequest,
  answer: KeptAnswer,
): Promise<boolean> {
  const stored = request.stored(answer);
  return request.unsaved ? insertKey(db, request.unsaved, stored) : keepAnswer(db, request, stored);
}

/**
 * Keeps a keyed request's answer in the transaction of its change (called by the write
 * pipeline), so the change and its record commit together. Throws — rolling the change
 * back — when another run has the key.
 */
export async function keepAnswerInChange(
  trx: Executor,
  request: IdempotentRequest,
  answer: KeptAnswer,
): Promise<void> {
  if (!(await saveAnswer(trx, request, answer))) throw keyTaken();
}

/**
 * Inserts a new key's row, claimed by this run, in the transaction of a change that does
 * not answer the request (the first of several, see `WriteOptions.answersRequest`), so the
 * key is held before anything leaves the database. Throws when another run has the key.
 */
export async function claimKeyInChange(trx: Executor, request: IdempotentRequest): Promise<void> {
  if (request.unsaved && !(await insertKey(trx, request.unsaved))) throw keyTaken();
}

function keyTaken(): SwitchboardError {
  return new SwitchboardError(
    'idempotency_key_in_use',
    'Another request with this Idempotency-Key ran at the same time; retry to get its answer',
    { retryAfter: 1 },
  );
}
