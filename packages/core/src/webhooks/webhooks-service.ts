import {
  type WebhookDeliveryListQuery,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEndpointCreated,
  type WebhookEndpointUpdate,
  type WebhookSecretRotation,
  webhookDeliveryListQuerySchema,
  webhookEndpointCreateSchema,
  webhookEndpointUpdateSchema,
  webhookTestEventType,
} from '@switchboard/contract';
import { lockAccount } from '../account/index.js';
import { bool, isoTimestamp } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { KeyRing } from '../integrations/index.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { decodeKeysetCursor, keysetPage } from '../shared/keyset-cursor.js';
import {
  type OperatorActor,
  requireOperatorOrSystem,
  type SystemActor,
} from '../shared/operator-actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import type { WriteTx } from '../shared/write-pipeline.js';
import type { WebhookAddressPolicy } from './address-policy.js';
import {
  deleteFinishedDeliveries,
  failPendingDeliveries,
  findDeliveriesPage,
  insertDeliveries,
  retryDeliveryNow,
  toWebhookDelivery,
} from './delivery-repository.js';
import { endpointChanges } from './endpoint-changes.js';
import {
  countAccountEndpoints,
  deleteEndpointRow,
  findAccountEndpoint,
  findAccountEndpoints,
  insertEndpoint,
  secretContext,
  toWebhookEndpoint,
  updateEndpointRow,
} from './endpoint-repository.js';
import { missingKeyRing } from './endpoint-secrets.js';
import { newDelivery, webhookEventJson } from './enqueue-webhook-events.js';
import { resealSecrets } from './reseal-secrets.js';
import { newWebhookSecret } from './webhook-signature.js';
import { checkWebhookUrl } from './webhook-url.js';
import type { WebhookWorker } from './webhook-worker.js';

export interface WebhooksDeps {
  keyRing: KeyRing | undefined;
  worker: WebhookWorker;
  policy: WebhookAddressPolicy;
  maxEndpointsPerAccount: number;
  /** Days finished deliveries are kept (see `pruneDeliveries`). */
  deliveryRetentionDays: number;
}

/** How long a rotated-out secret still signs deliveries. */
const rotationOverlapMs = 24 * 3_600_000;

const noSuchEndpoint = () => new SwitchboardError('not_found', 'No such webhook endpoint');

/**
 * The account's webhook endpoints (admins; E4): every change of the account is queued for
 * the endpoints subscribed to it, in the change's own transaction, and sent signed
 * (Standard Webhooks) by the delivery worker, which `flush()` runs now.
 */
export class WebhooksService {
  readonly #ctx: ServiceContext;
  readonly #deps: WebhooksDeps;

  constructor(ctx: ServiceContext, deps: WebhooksDeps) {
    const days = deps.deliveryRetentionDays;
    if (!(Number.isFinite(days) && days > 0))
      throw new Error(
        `webhooks.deliveryRetentionDays must be a number of days above 0, got ${days}`,
      );
    this.#ctx = ctx;
    this.#deps = deps;
  }

  /** The account's endpoints, oldest first. */
  async list(actor: Actor): Promise<WebhookEndpoint[]> {
    requireAdmin(actor);
    return (await findAccountEndpoints(this.#ctx.db, actor.accountId)).map(toWebhookEndpoint);
  }

  /** One endpoint of the account; `not_found` for any other id. */
  async get(actor: Actor, id: string): Promise<WebhookEndpoint> {
    requireAdmin(actor);
    const row = await findAccountEndpoint(this.#ctx.db, actor.accountId, id);
    if (!row) throw noSuchEndpoint();
    return toWebhookEndpoint(row);
  }

  /**
   * Adds an endpoint and answers its signing secret, this once. The URL must be `https://`
   * and not name a loopback, private, link-local or reserved address (unless the options
   * relax that); an account has at most 20 endpoints (`webhook_endpoint_limit`).
   *
   * @example const { id, secret } = await sb.webhooks.create(admin, { url: 'https://hooks.example.com/sb', eventTypes: ['user.*'] });
   */
  async create(actor: Actor, input: WebhookEndpointCreate): Promise<WebhookEndpointCreated> {
    requireAdmin(actor);
    const { url, eventTypes, description } = parseInput(webhookEndpointCreateSchema, input);
    checkWebhookUrl(url, this.#deps.policy);
    const keyRing = this.#keyRing();
    const id = newId('whe');
    const secret = newWebhookSecret();
    const sealed = keyRing.seal(secret, secretContext(actor.accountId, id));
    return this.#ctx.write(actor, async (tx) => {
      // The account's lock serialises additions, so concurrent ones cannot pass the cap.
      await lockAccount(tx, actor.accountId);
      const { maxEndpointsPerAccount } = this.#deps;
      if ((await countAccountEndpoints(tx.trx, actor.accountId)) >= maxEndpointsPerAccount)
        throw new SwitchboardError(
          'webhook_endpoint_limit',
          `An account may have at most ${maxEndpointsPerAccount} webhook endpoints; delete one first`,
        );
      const row = await insertEndpoint(tx.trx, {
        id,
        account_id: actor.accountId,
        url,
        event_types: JSON.stringify([...new Set(eventTypes)]),
        description,
        enabled: true,
        sealed_secret: sealed.sealed,
        key_id: sealed.keyId,
        previous_sealed_secret: null,
        previous_key_id: null,
        previous_secret_expires_at: null,
        created_at: tx.at,
        updated_at: tx.at,
      });
      const endpoint = toWebhookEndpoint(row);
      tx.record({
        action: 'webhook_endpoint.added',
        target: { type: 'webhook_endpoint', id },
        changedFields: ['url', 'eventTypes', 'description', 'secret'],
        object: endpoint,
      });
      return { ...endpoint, secret };
    });
  }

  /**
   * Changes the URL (checked again), event types, description, or turns the endpoint on or
   * off. Turning it off gives up its pending deliveries (each can be retried later).
   */
  async update(
    actor: Actor,
    id: string,
    input: WebhookEndpointUpdate,
    condition?: VersionCondition,
  ): Promise<WebhookEndpoint> {
    requireAdmin(actor);
    const edit = parseInput(webhookEndpointUpdateSchema, input);
    if (edit.url !== undefined) checkWebhookUrl(edit.url, this.#deps.policy);
    return this.#ctx.write(actor, async (tx) => {
      const current = await this.#locked(tx, actor, id, condition);
      const { changed, values } = endpointChanges(current, edit);
      if (changed.length === 0) return toWebhookEndpoint(current);
      const row = await updateEndpointRow(tx.trx, id, { ...values, updated_at: tx.at });
      if (changed.includes('enabled') && !bool(row.enabled))
        await failPendingDeliveries(tx.trx, id, 'the endpoint was disabled', tx.at);
      const endpoint = toWebhookEndpoint(row);
      tx.record({
        action: 'webhook_endpoint.updated',
        target: { type: 'webhook_endpoint', id },
        changedFields: changed,
        object: endpoint,
      });
      return endpoint;
    });
  }

  /** Deletes an endpoint with its deliveries. */
  async delete(actor: Actor, id: string, condition?: VersionCondition): Promise<void> {
    requireAdmin(actor);
    await this.#ctx.write(actor, async (tx) => {
      await this.#locked(tx, actor, id, condition);
      await deleteEndpointRow(tx.trx, id);
      tx.record({ action: 'webhook_endpoint.deleted', target: { type: 'webhook_endpoint', id } });
    });
  }

  /**
   * A new signing secret, answered this once. For 24 hours deliveries carry a signature
   * under the old secret too, so receivers can switch without losing events.
   */
  async rotateSecret(actor: Actor, id: string): Promise<WebhookSecretRotation> {
    requireAdmin(actor);
    const keyRing = this.#keyRing();
    const secret = newWebhookSecret();
    const sealed = keyRing.seal(secret, secretContext(actor.accountId, id));
    return this.#ctx.write(actor, async (tx) => {
      const current = await this.#locked(tx, actor, id);
      const row = await updateEndpointRow(tx.trx, id, {
        sealed_secret: sealed.sealed,
        key_id: sealed.keyId,
        previous_sealed_secret: current.sealed_secret,
        previous_key_id: current.key_id,
        previous_secret_expires_at: new Date(tx.now.getTime() + rotationOverlapMs).toISOString(),
        updated_at: tx.at,
      });
      tx.record({
        action: 'webhook_endpoint.secret_rotated',
        target: { type: 'webhook_endpoint', id },
        changedFields: ['secret'],
        object: toWebhookEndpoint(row),
      });
      return { secret };
    });
  }

  /** Queues a `webhook.test` event for this endpoint alone (whatever its event types). */
  async sendTest(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    await this.#ctx.write(actor, async (tx) => {
      const row = await findAccountEndpoint(tx.trx, actor.accountId, id);
      if (!row) throw noSuchEndpoint();
      const event = {
        id: newId('evt'),
        accountId: actor.accountId,
        type: webhookTestEventType,
        at: tx.at,
      };
      const payload = webhookEventJson({
        ...event,
        actor: { type: 'user', userId: actor.userId },
        object: toWebhookEndpoint(row),
        changedFields: [],
      });
      // One attempt: a test shows what happens now.
      await insertDeliveries(tx.trx, [newDelivery(id, { ...event, payload }, 1)]);
    });
    this.#deps.worker.kick();
  }

  /** One page of the endpoint's deliveries, newest first. */
  async listDeliveries(
    actor: Actor,
    id: string,
    query: WebhookDeliveryListQuery = {},
  ): Promise<WebhookDeliveryPage> {
    requireAdmin(actor);
    const { limit, cursor } = parseInput(webhookDeliveryListQuerySchema, query);
    if (!(await findAccountEndpoint(this.#ctx.db, actor.accountId, id))) throw noSuchEndpoint();
    const after = cursor ? decodeKeysetCursor(cursor, 2) : null;
    const rows = await findDeliveriesPage(this.#ctx.db, id, {
      after: after ? [after[0] ?? '', after[1] ?? ''] : null,
      limit: limit + 1,
    });
    return keysetPage(rows, limit, toWebhookDelivery, (row) => [
      isoTimestamp(row.created_at),
      row.id,
    ]);
  }

  /**
   * Sends a delivery again now: a pending one without waiting for its backoff, a failed or
   * succeeded one once more. `not_found` unless it is a delivery of this endpoint.
   */
  async retryDelivery(actor: Actor, id: string, deliveryId: string): Promise<void> {
    requireAdmin(actor);
    await this.#ctx.write(actor, async (tx) => {
      if (!(await findAccountEndpoint(tx.trx, actor.accountId, id))) throw noSuchEndpoint();
      if (!(await retryDeliveryNow(tx.trx, id, deliveryId, tx.at)))
        throw new SwitchboardError('not_found', 'No such delivery of this endpoint');
    });
    this.#deps.worker.kick();
  }

  /**
   * Sends every delivery that is due now and waits for the attempts; returns how many were
   * made. The background worker does this on its own; embedders and tests call it to
   * deliver at once.
   */
  flush(): Promise<number> {
    return this.#deps.worker.flush();
  }

  /** Resolves when no background sending is running. */
  idle(): Promise<void> {
    return this.#deps.worker.idle();
  }

  /**
   * Re-seals every endpoint's signing secrets under the key ring's newest key (after
   * `integrations.rotateKeys`, before older keys leave the ring); how many endpoints were.
   * The operator's or Switchboard's own: anyone else gets `forbidden`.
   */
  async resealSecrets(actor: OperatorActor | SystemActor): Promise<number> {
    requireOperatorOrSystem(actor);
    return resealSecrets(this.#ctx, this.#keyRing(), actor);
  }

  /**
   * Deletes the deliveries (and their attempts' log) that succeeded or failed more than
   * `deliveryRetentionDays` ago, in batches; pending ones stay. Housekeeping runs it hourly;
   * returns how many went. The operator's or Switchboard's own.
   */
  async pruneDeliveries(actor: OperatorActor | SystemActor): Promise<number> {
    requireOperatorOrSystem(actor);
    const { db, clock } = this.#ctx;
    const before = new Date(
      clock.now().getTime() - this.#deps.deliveryRetentionDays * 86_400_000,
    ).toISOString();
    let total = 0;
    for (;;) {
      const deleted = await deleteFinishedDeliveries(db, before, 1000);
      total += deleted;
      if (deleted < 1000) return total;
    }
  }

  /** The key ring, or `unavailable` naming the setting that provides it. */
  #keyRing(): KeyRing {
    if (!this.#deps.keyRing) throw missingKeyRing();
    return this.#deps.keyRing;
  }

  /** The endpoint locked for a change, at the version the change names (C1). */
  async #locked(tx: WriteTx, actor: Actor, id: string, condition?: VersionCondition) {
    const row = await findAccountEndpoint(tx.trx, actor.accountId, id, {
      forUpdate: tx.dialect === 'postgres',
    });
    if (!row) throw noSuchEndpoint();
    assertVersion(row.version, condition);
    return row;
  }
}
