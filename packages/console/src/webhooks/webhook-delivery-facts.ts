import type { WebhookDelivery } from '@switchboard/contract';

/** A delivery as one row of the deliveries table reads it. */
export interface DeliveryFacts {
  /** `Succeeded`, `Pending` or `Failed`. */
  status: string;
  /** The badge's class: `ok`, `failing`, or `` (waiting). */
  badge: string;
  /** `1 attempt`, `3 attempts`, `Not tried yet`. */
  attempts: string;
  /** The last attempt's answer: `HTTP 200`, `HTTP 500`, `connect ECONNREFUSED …`, or `—`. */
  response: string;
  /** When it is tried next: `now`, `in 28 s`, `in 4 min`, a time; `—` when it is not. */
  next: string;
}

const statuses = {
  succeeded: { status: 'Succeeded', badge: 'ok' },
  pending: { status: 'Pending', badge: '' },
  failed: { status: 'Failed', badge: 'failing' },
} as const;

/**
 * How long until `at`, from `now`, in words: `now` when due, then seconds, minutes, and
 * the local time (with the date when it is not today) beyond an hour.
 *
 * @example timeUntil('2026-11-23T10:00:30Z', new Date('2026-11-23T10:00:02Z')) // 'in 28 s'
 */
export function timeUntil(at: string, now: Date): string {
  const when = new Date(at);
  const seconds = Math.round((when.getTime() - now.getTime()) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return when.toDateString() === now.toDateString()
    ? `at ${time}`
    : `${when.toLocaleDateString([], { month: 'short', day: 'numeric' })}, ${time}`;
}

/**
 * The last attempt's answer, or why it got none: the status (`HTTP 500`), the error that
 * explains it (`HTTP 410 Gone: …`), a network error; or why the delivery was given up
 * (`The endpoint was disabled`), with the last answer after it.
 */
function lastResponse(delivery: WebhookDelivery): string {
  const { lastResponseStatus: status, lastError: error } = delivery;
  if (status === null) return error ?? '—';
  const code = `HTTP ${status}`;
  if (!error || error.startsWith(code)) return error ?? code;
  return `${error.charAt(0).toUpperCase()}${error.slice(1)} (last answer ${code})`;
}

/**
 * What the deliveries table shows of a delivery, `now` being the browser's time.
 *
 * @example deliveryFacts(delivery, new Date()).response // 'HTTP 500'
 */
export function deliveryFacts(delivery: WebhookDelivery, now: Date): DeliveryFacts {
  const { attempts } = delivery;
  return {
    ...statuses[delivery.status],
    attempts: attempts === 0 ? 'Not tried yet' : `${attempts} attempt${attempts === 1 ? '' : 's'}`,
    response: lastResponse(delivery),
    next: delivery.nextAttemptAt ? timeUntil(delivery.nextAttemptAt, now) : '—',
  };
}

/**
 * True while a delivery shown is about to be sent or being sent (pending and due): the
 * list is worth reading again shortly to show how it went.
 *
 * @example sendingNow(page.data, new Date())
 */
export function sendingNow(deliveries: readonly WebhookDelivery[], now: Date): boolean {
  return deliveries.some(
    (d) =>
      d.status === 'pending' &&
      d.nextAttemptAt !== null &&
      new Date(d.nextAttemptAt).getTime() <= now.getTime(),
  );
}
