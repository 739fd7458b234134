import {
  type Integration,
  type IntegrationCreate,
  type IntegrationServiceInfo,
  type IntegrationTestResult,
  type IntegrationUpdate,
  integrationRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { RequestOptions } from '../http/request-options.js';

/** Options of `integrations.add`: whether to check the credentials first, and the call's options. @example await client.integrations.add(input, { verify: false }) */
export interface IntegrationAddOptions extends RequestOptions {
  /** Try the credentials against the service before storing them. Default true. */
  verify?: boolean | undefined;
}

/** The account's integrations: every user reads, admins write. @example const integrations = await client.integrations.list(); */
export class IntegrationsResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** The services an integration can connect, with their Add form's fields. @example const services = await client.integrations.services(); */
  async services(options?: RequestOptions): Promise<IntegrationServiceInfo[]> {
    return (await this.#api.call(integrationRoutes.listIntegrationServices, {}, options)).data;
  }

  /** @example const integrations = await client.integrations.list(); */
  async list(options?: RequestOptions): Promise<Integration[]> {
    return (await this.#api.call(integrationRoutes.listIntegrations, {}, options)).data;
  }

  /** @example const integration = await client.integrations.get('int_…'); */
  get(id: string, options?: RequestOptions): Promise<Integration> {
    return this.#api.call(integrationRoutes.getIntegration, { params: { id } }, options);
  }

  /**
   * Admins: adds an integration; its credentials are checked first unless `verify: false`.
   *
   * @example await client.integrations.add({ service: 's3', name: 'Recordings', key, secret })
   */
  add(input: IntegrationCreate, options: IntegrationAddOptions = {}): Promise<Integration> {
    const { verify, ...call } = options;
    return this.#api.call(
      integrationRoutes.addIntegration,
      { body: input, query: { verify: verify === false ? 'false' : undefined } },
      call,
    );
  }

  /** Admins: renames or re-describes (the configuration never changes). */
  update(id: string, patch: IntegrationUpdate, options?: RequestOptions): Promise<Integration> {
    return this.#api.call(
      integrationRoutes.updateIntegration,
      { params: { id }, body: patch },
      options,
    );
  }

  /** Admins: tries the stored credentials again. */
  test(id: string, options?: RequestOptions): Promise<IntegrationTestResult> {
    return this.#api.call(integrationRoutes.testIntegration, { params: { id } }, options);
  }

  /** Admins: deletes the integration. */
  delete(id: string, options?: RequestOptions): Promise<undefined> {
    return this.#api.call(integrationRoutes.deleteIntegration, { params: { id } }, options);
  }
}
