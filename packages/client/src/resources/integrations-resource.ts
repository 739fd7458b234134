import {
  type Integration,
  type IntegrationCreate,
  type IntegrationServiceInfo,
  type IntegrationTestResult,
  type IntegrationUpdate,
  integrationRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from '../http/request-options.js';

/** Options of `integrations.add`: whether to check the credentials first, and the call's options. @example await client.integrations.add(input, { verify: false }) */
export interface IntegrationAddOptions extends IdempotentRequestOptions {
  /** Try the credentials against the service before storing them. Default true. */
  verify?: boolean | undefined;
}

/** The body of a service registered on the server beside the built-in ones: its fields as `services()` lists them. @example const body: OtherServiceCreate = { service: 'ticket-store', name: 'Tickets', url, apiKey } */
export type OtherServiceCreate = {
  service: string;
  name: string;
  description?: string;
} & Record<string, unknown>;

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
   * A built-in service's body is checked by TypeScript; a service the server registers
   * beside them (see `services()`) takes its own fields, checked by the server.
   *
   * @example await client.integrations.add({ service: 's3', name: 'Recordings', key, secret })
   */
  add(
    input: IntegrationCreate | OtherServiceCreate,
    options: IntegrationAddOptions = {},
  ): Promise<Integration> {
    const { verify, ...call } = options;
    return this.#api.call(
      integrationRoutes.addIntegration,
      // The descriptor types the built-in bodies; the server checks any registered service's.
      {
        body: input as IntegrationCreate,
        query: { verify: verify === false ? 'false' : undefined },
      },
      call,
    );
  }

  /** Admins: renames or re-describes (the configuration never changes). */
  update(
    id: string,
    patch: IntegrationUpdate,
    options?: ConditionalRequestOptions,
  ): Promise<Integration> {
    return this.#api.call(
      integrationRoutes.updateIntegration,
      { params: { id }, body: patch },
      options,
    );
  }

  /** Admins: tries the stored credentials again. */
  test(id: string, options?: IdempotentRequestOptions): Promise<IntegrationTestResult> {
    return this.#api.call(integrationRoutes.testIntegration, { params: { id } }, options);
  }

  /** Admins: deletes the integration. */
  delete(id: string, options?: ConditionalRequestOptions): Promise<undefined> {
    return this.#api.call(integrationRoutes.deleteIntegration, { params: { id } }, options);
  }
}
