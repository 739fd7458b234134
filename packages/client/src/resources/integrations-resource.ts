import {
  type Integration,
  type IntegrationCreate,
  type IntegrationTestResult,
  type IntegrationUpdate,
  integrationListSchema,
  integrationSchema,
  integrationTestResultSchema,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

/** The account's integrations: every user reads, admins write. @example const integrations = await client.integrations.list(); */
export class IntegrationsResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** @example const integrations = await client.integrations.list(); */
  async list(): Promise<Integration[]> {
    return (await this.#api.call('get', '/v1/integrations', integrationListSchema)).data;
  }

  /** @example const integration = await client.integrations.get('int_…'); */
  get(id: string): Promise<Integration> {
    return this.#api.call('get', `/v1/integrations/${encodeURIComponent(id)}`, integrationSchema);
  }

  /**
   * Admins: adds an integration; its credentials are checked first unless `verify: false`.
   *
   * @example await client.integrations.add({ service: 's3', name: 'Recordings', key, secret })
   */
  add(input: IntegrationCreate, options: { verify?: boolean } = {}): Promise<Integration> {
    return this.#api.call('post', '/v1/integrations', integrationSchema, {
      json: input,
      searchParams: { verify: options.verify === false ? 'false' : undefined },
    });
  }

  /** Admins: renames or re-describes (the configuration never changes). */
  update(id: string, patch: IntegrationUpdate): Promise<Integration> {
    return this.#api.call(
      'patch',
      `/v1/integrations/${encodeURIComponent(id)}`,
      integrationSchema,
      { json: patch },
    );
  }

  /** Admins: tries the stored credentials again. */
  test(id: string): Promise<IntegrationTestResult> {
    return this.#api.call(
      'post',
      `/v1/integrations/${encodeURIComponent(id)}/test`,
      integrationTestResultSchema,
    );
  }

  /** Admins: deletes the integration. */
  delete(id: string): Promise<undefined> {
    return this.#api.call('delete', `/v1/integrations/${encodeURIComponent(id)}`);
  }
}
