import {
  type WebhookDelivery,
  type WebhookDeliveryListQuery,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEndpointCreated,
  type WebhookEndpointUpdate,
  type WebhookSecretRotation,
  webhookRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import { everyItem } from '../http/every-item.js';
import type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from '../http/request-options.js';

/** The account's webhook endpoints and their deliveries (admins). @example const endpoints = await client.webhookEndpoints.list(); */
export class WebhookEndpointsResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** @example const endpoints = await client.webhookEndpoints.list(); */
  async list(options?: RequestOptions): Promise<WebhookEndpoint[]> {
    return (await this.#api.call(webhookRoutes.listWebhookEndpoints, {}, options)).data;
  }

  /**
   * Adds an endpoint; the answer carries its signing secret (`whsec_…`), the only time it
   * is shown: keep it where the receiver reads it.
   *
   * @example const { id, secret } = await client.webhookEndpoints.create({ url: 'https://hooks.example.com/sb', eventTypes: ['user.*'] });
   */
  create(
    input: WebhookEndpointCreate,
    options?: IdempotentRequestOptions,
  ): Promise<WebhookEndpointCreated> {
    return this.#api.call(webhookRoutes.createWebhookEndpoint, { body: input }, options);
  }

  /** @example const endpoint = await client.webhookEndpoints.get('whe_…'); */
  get(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#api.call(webhookRoutes.getWebhookEndpoint, { params: { id } }, options);
  }

  /** Changes the URL, event types, description, or turns the endpoint on or off. @example await client.webhookEndpoints.update(id, { enabled: false }) */
  update(
    id: string,
    patch: WebhookEndpointUpdate,
    options?: ConditionalRequestOptions,
  ): Promise<WebhookEndpoint> {
    return this.#api.call(
      webhookRoutes.updateWebhookEndpoint,
      { params: { id }, body: patch },
      options,
    );
  }

  /** Deletes the endpoint and its deliveries. @example await client.webhookEndpoints.delete(id) */
  delete(id: string, options?: ConditionalRequestOptions): Promise<undefined> {
    return this.#api.call(webhookRoutes.deleteWebhookEndpoint, { params: { id } }, options);
  }

  /** A new secret; for 24 hours deliveries are signed with the old one too. @example const { secret } = await client.webhookEndpoints.rotateSecret(id) */
  rotateSecret(id: string, options?: IdempotentRequestOptions): Promise<WebhookSecretRotation> {
    return this.#api.call(webhookRoutes.rotateWebhookSecret, { params: { id } }, options);
  }

  /** Queues a `webhook.test` event for this endpoint. @example await client.webhookEndpoints.sendTest(id) */
  async sendTest(id: string, options?: IdempotentRequestOptions): Promise<void> {
    await this.#api.call(webhookRoutes.sendWebhookTest, { params: { id } }, options);
  }

  /** One page of the endpoint's deliveries, newest first. @example const { data } = await client.webhookEndpoints.deliveries(id, { limit: 20 }) */
  deliveries(
    id: string,
    query: WebhookDeliveryListQuery = {},
    options?: RequestOptions,
  ): Promise<WebhookDeliveryPage> {
    return this.#api.call(webhookRoutes.listWebhookDeliveries, { params: { id }, query }, options);
  }

  /**
   * Every delivery of the endpoint, newest first, fetching pages as you go.
   *
   * @example for await (const delivery of client.webhookEndpoints.allDeliveries(id)) console.log(delivery.status);
   */
  async *allDeliveries(
    id: string,
    options?: RequestOptions,
  ): AsyncGenerator<WebhookDelivery, void, undefined> {
    yield* everyItem((cursor) => this.deliveries(id, cursor ? { cursor } : {}, options));
  }

  /** Sends one delivery again now. @example await client.webhookEndpoints.retryDelivery(id, 'whd_…') */
  async retryDelivery(
    id: string,
    deliveryId: string,
    options?: IdempotentRequestOptions,
  ): Promise<void> {
    await this.#api.call(
      webhookRoutes.retryWebhookDelivery,
      { params: { id, deliveryId } },
      options,
    );
  }
}
