import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { v2 } from '@google-cloud/dialogflow';
import type { IntegrationConfig, ServiceAccountKey } from './integration-config.js';
import type { ServiceEndpoints } from './service-endpoints.js';

type AwsConfig = Extract<IntegrationConfig, { service: 'dynamodb' | 's3' }>;

/** An S3 client for the integration; the SDK is imported on first use (I6). */
export async function s3Client(
  config: Extract<IntegrationConfig, { service: 's3' }>,
  endpoints: ServiceEndpoints,
): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  const endpoint = endpoints.aws ?? config.endpoint;
  return new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: config.key, secretAccessKey: config.secret },
    maxAttempts: 2,
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          // Emulators and many S3-compatible stores mangle streamed uploads with checksums on.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}

/** A DynamoDB client for the integration; the SDK is imported on first use (I6). */
export async function dynamoDbClient(
  config: Extract<AwsConfig, { service: 'dynamodb' }>,
  endpoints: ServiceEndpoints,
): Promise<DynamoDBClient> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const endpoint = endpoints.aws ?? config.endpoint;
  return new DynamoDBClient({
    region: config.region,
    credentials: { accessKeyId: config.key, secretAccessKey: config.secret },
    maxAttempts: 2,
    ...(endpoint ? { endpoint } : {}),
  });
}

/** Options for a Dialogflow v2 client of the given service account, on a local endpoint if set. */
async function dialogflowOptions(key: ServiceAccountKey, endpoints: ServiceEndpoints) {
  const base = {
    projectId: key.project_id,
    credentials: { client_email: key.client_email, private_key: key.private_key },
  };
  if (!endpoints.dialogflow) return base;
  const { credentials } = await import('@grpc/grpc-js');
  const [host, port] = endpoints.dialogflow.split(':');
  return { ...base, apiEndpoint: host, port: Number(port), sslCreds: credentials.createInsecure() };
}

/** A Dialogflow agents client (for verification). */
export async function dialogflowAgentsClient(
  key: ServiceAccountKey,
  endpoints: ServiceEndpoints,
): Promise<v2.AgentsClient> {
  const { v2 } = await import('@google-cloud/dialogflow');
  return new v2.AgentsClient(await dialogflowOptions(key, endpoints));
}

/** A Dialogflow sessions client (for detect-intent). */
export async function dialogflowSessionsClient(
  key: ServiceAccountKey,
  endpoints: ServiceEndpoints,
): Promise<v2.SessionsClient> {
  const { v2 } = await import('@google-cloud/dialogflow');
  return new v2.SessionsClient(await dialogflowOptions(key, endpoints));
}
