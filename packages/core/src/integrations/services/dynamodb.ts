import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsRegions, dynamodbIntegrationCreateSchema } from '@switchboard/contract';
import { z } from 'zod';
import { type DynamoDbTable, dynamoDbTable } from '../connectors/dynamodb-table.js';
import { defineIntegrationService } from '../integration-service.js';
import {
  awsConfigShape,
  awsCredentialFields,
  awsDetails,
  awsEndpoint,
  awsEndpointField,
} from './aws-integration.js';

/** What a DynamoDB integration gives applications: its tables, as plain objects. */
export interface DynamoDbConnector {
  table(name: string): Promise<DynamoDbTable>;
}

/**
 * Amazon DynamoDB in one region, or DynamoDB Local at `endpoint` (I1): checked with
 * ListTables, opened as table access.
 */
export const dynamoDbIntegrationService = defineIntegrationService({
  id: 'dynamodb',
  label: 'Amazon DynamoDB',
  createSchema: dynamodbIntegrationCreateSchema,
  formFields: [
    ...awsCredentialFields,
    {
      name: 'region',
      label: 'Select Region',
      kind: 'select',
      required: true,
      options: [...awsRegions],
    },
    awsEndpointField('Endpoint (optional: DynamoDB Local or another compatible endpoint)'),
  ],
  configSchema: z.object({
    service: z.literal('dynamodb'),
    ...awsConfigShape,
    region: z.string().min(1),
  }),
  secretFields: ['secret'],
  toConfig: ({ key, secret, region, endpoint }) => ({
    service: 'dynamodb' as const,
    key,
    secret,
    region,
    endpoint,
  }),
  details: (config) => awsDetails(config),
  async createClient(config, endpoints): Promise<DynamoDBClient> {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const endpoint = awsEndpoint(config, endpoints);
    return new DynamoDBClient({
      region: config.region,
      credentials: { accessKeyId: config.key, secretAccessKey: config.secret },
      maxAttempts: 2,
      ...(endpoint ? { endpoint } : {}),
    });
  },
  async closeClient(client) {
    client.destroy();
  },
  async verify(client, _config, { signal }) {
    const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: signal });
  },
  connect: async (client): Promise<DynamoDbConnector> => ({
    table: (name) => dynamoDbTable(client, name),
  }),
});
