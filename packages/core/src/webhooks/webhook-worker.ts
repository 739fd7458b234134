import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import type { KeyRing } from '../integrations/index.js';
import { BackgroundRounds } from '../shared/background-rounds.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Write } from '../shared/write-pipeline.js';
import type { WebhookAddressPolicy } from './address-policy.js';
import { DeliveryPace } from './delivery-pace.js';
import {
  type DeliveryRow,
  deleteDelivery,
  findDueDeliveries,
  findEndpointsDue,
  findEndpointsWithPending,
  leaseDeliveries,
} from './delivery-repository.js';
import { type EndpointRow, findEndpoint } from './endpoint-repository.js';
import { openEndpointSecrets } from './endpoint-secrets.js';
import { type HostLookup, type PostOutcome, postWebhook } from './post-webhook.js';
import { recordAttempt } from './record-attempt.js';
import { signatureHeader } from './webhook-signature.js';

export interface WebhookWorkerOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  logger: Logger;
  keyRing: KeyRing | undefined;
  /** Runs the change an attempt makes (its result; disabling an endpoint that answered 410). */
  write: Write;
  policy: WebhookAddressPolicy;
  lookup: HostLookup;
  /** Milliseconds one attempt may take. */
  timeoutMs: number;
  /** Deliveries this worker sends at once. */
  concurrency: number;
  /** Deliveries to one endpoint this worker sends at once. */
  perEndpointConcurrency: number;
  /** Whether the host is serving requests now (`ServingActivity`); see `DeliveryPace`. */
  serving: { busy(): boolean };
  /** Deliveries started a second, one by one, while the host is serving requests. */
  ratePerSecondWhileServing: number;
  ca: string | readonly string[] | undefined;
  random?: () => number;
}

/** Due deliveries read at once while claiming (one bounded range of the due index). */
const claimBatch = 32;
/** Endpoints with pending deliveries read per claim when the soonest do not fill the slots. */
const maxEndpointsPerClaim = 500;

/**
 * Sends queued webhook deliveries (E4). Each is leased before it is sent (see
 * `leaseDeliveries`: `FOR UPDATE SKIP LOCKED` on PostgreSQL), so several instances share
 * the queue and none sends what another holds; a lease outlives one attempt (twice the
 * timeout and 30 s), so a worker that dies mid-send is replaced, and delivery is at least
 * once. Up to `concurrency` deliveries are in flight, at most `perEndpointConcurrency` per
 * endpoint (on this instance), so a slow receiver holds only its own slots. While the host
 * is serving requests, deliveries start one by one at a bounded rate (`DeliveryPace`).
 */
export class WebhookWorker {
  readonly #options: WebhookWorkerOptions;
  readonly #inFlight = new Map<string, number>();
  #active = 0;
  #stopped = false;
  /** The endpoint served last by a per-endpoint read (see `#claimOnce`). */
  #lastServed: string | undefined;
  readonly #pace: DeliveryPace;
  readonly #background = new BackgroundRounds(
    () => this.flush(),
    (error) =>
      this.#options.logger.error('webhooks: delivery round failed', { error: String(error) }),
  );

  constructor(options: WebhookWorkerOptions) {
    this.#options = options;
    this.#pace = new DeliveryPace(options.serving, options.ratePerSecondWhileServing);
  }

  /** Starts sending what is due in the background (after a commit, on the timer); `idle()` waits. */
  kick(): void {
    this.#background.kick();
  }

  /** Resolves when no background sending is running. */
  idle(): Promise<void> {
    return this.#background.idle();
  }

  /** Takes no more deliveries (in-flight ones finish; see `idle`). */
  stop(): void {
    this.#stopped = true;
    this.#background.stop();
  }

  /**
   * Sends every delivery that is due now and waits for them; returns how many attempts were
   * made. Deliveries that fail are rescheduled (not retried within this call).
   */
  async flush(): Promise<number> {
    const { concurrency } = this.#options;
    const running = new Set<Promise<void>>();
    let made = 0;
    for (;;) {
      const { start, waitMs } = this.#stopped
        ? { start: 0, waitMs: 0 }
        : this.#pace.take(concurrency - this.#active);
      if (waitMs > 0) {
        // Serving requests: the next delivery waits for its turn.
        await delay(waitMs, undefined, { ref: false });
        continue;
      }
      const claimed = start > 0 ? await this.#claim(start) : [];
      for (const delivery of claimed) {
        const sending: Promise<void> = this.#send(delivery)
          .then(() => {
            made++;
          })
          .finally(() => running.delete(sending));
        running.add(sending);
      }
      if (running.size === 0) break;
      // Nothing more could be taken now: wait for a slot (or an endpoint's slot) to free up.
      if (claimed.length < start || start === 0) await Promise.race(running);
    }
    return made;
  }

  /**
   * Leases up to `free` due deliveries. When another instance leased every one this one
   * chose between the read and the lease, it reads again: the due ones it did not take.
   */
  async #claim(free: number): Promise<DeliveryRow[]> {
    for (;;) {
      const { chosen, leased } = await this.#claimOnce(free);
      if (leased.length > 0 || chosen === 0) return leased;
    }
  }

  async #claimOnce(free: number): Promise<{ chosen: number; leased: DeliveryRow[] }> {
    const { db, dialect, clock, perEndpointConcurrency, timeoutMs } = this.#options;
    const now = clock.now();
    const at = now.toISOString();
    const room = new Map<string, number>();
    const roomOf = (endpointId: string) =>
      room.get(endpointId) ?? perEndpointConcurrency - (this.#inFlight.get(endpointId) ?? 0);
    const chosen = new Set<string>();
    const choose = (due: readonly { id: string; endpoint_id: string }[]) => {
      for (const { id, endpoint_id } of due) {
        const left = roomOf(endpoint_id);
        if (chosen.size >= free || left <= 0 || chosen.has(id)) continue;
        room.set(endpoint_id, left - 1);
        chosen.add(id);
      }
    };
    // The soonest due first: one bounded read of the due index.
    const soonest = await findDueDeliveries(db, at, claimBatch);
    choose(soonest);
    // Slots left while more is due: other endpoints' deliveries may wait behind one
    // endpoint's backlog (a slow receiver's). Read each endpoint with pending deliveries
    // and room for its soonest due, so none is held back by another's queue.
    if (chosen.size < free && soonest.length === claimBatch) {
      const endpoints = await findEndpointsWithPending(db, maxEndpointsPerClaim);
      // Taking turns: the endpoints after the last one served come first.
      const after = this.#lastServed;
      const turn = [
        ...endpoints.filter((id) => after === undefined || id > after),
        ...endpoints.filter((id) => after !== undefined && id <= after),
      ];
      const wanted = turn
        .map((endpointId) => ({ endpointId, room: roomOf(endpointId) }))
        .filter(({ room: left }) => left > 0)
        .slice(0, free - chosen.size);
      this.#lastServed = wanted.at(-1)?.endpointId ?? this.#lastServed;
      choose(await findEndpointsDue(db, at, wanted));
    }
    await this.#pace.giveWay();
    const leased = await leaseDeliveries(db, dialect, [...chosen], {
      token: randomUUID(),
      now: now.toISOString(),
      until: new Date(now.getTime() + 2 * timeoutMs + 30_000).toISOString(),
    });
    for (const delivery of leased) {
      this.#active++;
      this.#inFlight.set(delivery.endpoint_id, (this.#inFlight.get(delivery.endpoint_id) ?? 0) + 1);
    }
    return { chosen: chosen.size, leased };
  }

  async #send(delivery: DeliveryRow): Promise<void> {
    try {
      await this.#pace.giveWay();
      const endpoint = await findEndpoint(this.#options.db, delivery.endpoint_id);
      // Queued while its endpoint was being deleted: nowhere to send it.
      if (!endpoint) await deleteDelivery(this.#options.db, delivery.id);
      else {
        const outcome = await this.#attempt(delivery, endpoint);
        await this.#pace.giveWay();
        await recordAttempt(this.#options, delivery, outcome);
      }
    } catch (error) {
      this.#options.logger.error('webhooks: recording an attempt failed', {
        delivery: delivery.id,
        error: String(error),
      });
    } finally {
      this.#active--;
      const left = (this.#inFlight.get(delivery.endpoint_id) ?? 1) - 1;
      if (left > 0) this.#inFlight.set(delivery.endpoint_id, left);
      else this.#inFlight.delete(delivery.endpoint_id);
    }
  }

  /** One attempt: the endpoint as it is now, its secrets, the signed POST. */
  async #attempt(delivery: DeliveryRow, endpoint: EndpointRow): Promise<PostOutcome> {
    const { clock, keyRing, policy, lookup, timeoutMs, ca } = this.#options;
    let secrets: string[];
    try {
      secrets = openEndpointSecrets(endpoint, keyRing, clock.now());
    } catch (error) {
      const reason = `the signing secret could not be opened: ${(error as Error).message}`;
      return { status: null, retryAfter: undefined, error: reason, durationMs: 0 };
    }
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Switchboard-Webhooks/1',
      'webhook-id': delivery.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, delivery.event_id, timestamp, delivery.payload),
    };
    await this.#pace.giveWay();
    return postWebhook(new URL(endpoint.url), headers, delivery.payload, {
      policy,
      lookup,
      timeoutMs,
      ca,
    });
  }
}
