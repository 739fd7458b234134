import { bool } from '../db/row-values.js';
import { newId } from '../shared/ids.js';
import type { WriteTx } from '../shared/write-pipeline.js';
import {
  type DeliveryRow,
  failPendingDeliveries,
  finishAttempt,
  insertAttempt,
} from './delivery-repository.js';
import { findEndpoint, toWebhookEndpoint, updateEndpointRow } from './endpoint-repository.js';
import type { PostOutcome } from './post-webhook.js';
import { retryAfterMs, retryDelayMs } from './retry-schedule.js';
import type { WebhookWorkerOptions } from './webhook-worker.js';

/** What went wrong with an answer that is not a success, in a few words. */
function answerError(status: number): string {
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed`;
  if (status === 410) return 'HTTP 410 Gone: the endpoint was disabled';
  return `HTTP ${status}`;
}

/**
 * Records one attempt (E4): counts it on its delivery — succeeded on a 2xx; failed after a
 * 410, which also disables the endpoint, or after the last attempt; otherwise due again
 * after the backoff, or later if a 429 or 503 asked so with `Retry-After` — and logs it
 * (status, duration, error; never the receiver's body). Nothing is written when the
 * delivery's lease ran out meanwhile and another worker holds it.
 */
export async function recordAttempt(
  options: Pick<WebhookWorkerOptions, 'write' | 'clock' | 'logger' | 'random'>,
  delivery: DeliveryRow,
  outcome: PostOutcome,
): Promise<void> {
  const { write, clock, logger, random } = options;
  const now = clock.now();
  const at = now.toISOString();
  const attempts = Number(delivery.attempts) + 1;
  const { status: responseStatus } = outcome;
  const ok = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
  const gone = responseStatus === 410;
  const error = ok ? null : (outcome.error ?? answerError(responseStatus ?? 0));
  const giveUp = !ok && (gone || attempts >= Number(delivery.max_attempts));
  let nextAttemptAt: string | null = null;
  if (!ok && !giveUp) {
    const asked =
      responseStatus === 429 || responseStatus === 503
        ? (retryAfterMs(outcome.retryAfter, now) ?? 0)
        : 0;
    nextAttemptAt = new Date(
      now.getTime() + Math.max(retryDelayMs(attempts, random), asked),
    ).toISOString();
  }
  const kept = await write({ type: 'system' }, async (tx) => {
    const held = await finishAttempt(tx.trx, delivery.id, delivery.lease ?? '', {
      status: ok ? 'succeeded' : giveUp ? 'failed' : 'pending',
      nextAttemptAt,
      responseStatus,
      error,
      at,
    });
    if (!held) return false;
    await insertAttempt(tx.trx, {
      id: newId('wha'),
      delivery_id: delivery.id,
      endpoint_id: delivery.endpoint_id,
      attempted_at: at,
      duration_ms: outcome.durationMs,
      response_status: responseStatus,
      error,
    });
    if (gone) await disableGoneEndpoint(tx, delivery.endpoint_id);
    return true;
  });
  if (!kept) {
    logger.warn('webhooks: an attempt outlasted its lease; another worker holds the delivery', {
      delivery: delivery.id,
    });
  } else if (!ok) {
    logger.warn('webhooks: delivery attempt failed', {
      delivery: delivery.id,
      endpoint: delivery.endpoint_id,
      attempt: attempts,
      status: responseStatus,
      error,
      next: nextAttemptAt,
    });
  }
}

/** Turns off an endpoint that answered 410 Gone, and gives up its other pending deliveries. */
async function disableGoneEndpoint(tx: WriteTx, endpointId: string): Promise<void> {
  const endpoint = await findEndpoint(tx.trx, endpointId);
  if (!endpoint || !bool(endpoint.enabled)) return;
  const row = await updateEndpointRow(tx.trx, endpointId, { enabled: false, updated_at: tx.at });
  await failPendingDeliveries(
    tx.trx,
    endpointId,
    'the endpoint answered 410 Gone and was disabled',
    tx.at,
  );
  tx.record({
    action: 'webhook_endpoint.updated',
    target: { type: 'webhook_endpoint', id: endpointId },
    changedFields: ['enabled'],
    accountId: row.account_id,
    object: toWebhookEndpoint(row),
  });
}
