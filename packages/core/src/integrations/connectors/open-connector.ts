import type { IntegrationConfig } from '../integration-config.js';
import { dialogflowSessionsClient, dynamoDbClient, s3Client } from '../sdk-clients.js';
import type { ServiceEndpoints } from '../service-endpoints.js';
import { type DialogflowAgent, dialogflowAgent } from './dialogflow-agent.js';
import { type DynamoDbTable, dynamoDbTable } from './dynamodb-table.js';
import { type RecordingStore, s3RecordingStore } from './s3-recording-store.js';

/** A typed connector to an integration's service (I6); `close()` frees its connections. */
export type Connector =
  | { service: 's3'; recordings(bucket: string): RecordingStore; close(): Promise<void> }
  | { service: 'dynamodb'; table(name: string): Promise<DynamoDbTable>; close(): Promise<void> }
  | ({ service: 'dialogflow'; close(): Promise<void> } & DialogflowAgent);

/** Builds the connector for a decrypted configuration. */
export async function openConnector(
  config: IntegrationConfig,
  endpoints: ServiceEndpoints,
): Promise<Connector> {
  switch (config.service) {
    case 's3': {
      const client = await s3Client(config, endpoints);
      return {
        service: 's3',
        recordings: (bucket) => s3RecordingStore(client, bucket),
        close: async () => client.destroy(),
      };
    }
    case 'dynamodb': {
      const client = await dynamoDbClient(config, endpoints);
      return {
        service: 'dynamodb',
        table: (name) => dynamoDbTable(client, name),
        close: async () => client.destroy(),
      };
    }
    case 'dialogflow': {
      const client = await dialogflowSessionsClient(config.serviceAccount, endpoints);
      return {
        service: 'dialogflow',
        ...dialogflowAgent(client, config.serviceAccount.project_id),
        close: () => client.close(),
      };
    }
  }
}
