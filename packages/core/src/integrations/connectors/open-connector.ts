import type {
  IntegrationCreateBase,
  IntegrationService,
  IntegrationServiceApi,
} from '../integration-service.js';
import type { ServiceEndpoints } from '../service-endpoints.js';
import type { BuiltInIntegrationServiceModule } from '../services/built-in-integration-services.js';

/** The connector of one service: its API, its `service` id, and `close()` to free its connections. */
export type ConnectorFor<S extends IntegrationService> = {
  service: S['id'];
  close(): Promise<void>;
} & IntegrationServiceApi<S>;

/**
 * A typed connector to a built-in service (I6), told apart by `service`; `close()` frees its
 * connections. For a service registered beside them, pass it to `integrations.open`.
 */
export type Connector = BuiltInIntegrationServiceModule extends infer S
  ? S extends IntegrationService
    ? ConnectorFor<S>
    : never
  : never;

/** Builds a service's connector for a decrypted, parsed configuration. */
export async function openConnector<Config, Client>(
  service: IntegrationService<string, IntegrationCreateBase, Config, Client>,
  config: Config,
  endpoints: ServiceEndpoints,
): Promise<{ service: string; close(): Promise<void> }> {
  const client = await service.createClient(config, endpoints);
  try {
    const api = await service.connect(client, config);
    return { ...api, service: service.id, close: () => service.closeClient(client) };
  } catch (error) {
    await service.closeClient(client).catch(() => {});
    throw error;
  }
}
