import type { IntegrationConfig } from './integration-config.js';
import { secretValues } from './integration-config.js';
import { dialogflowAgentsClient, dynamoDbClient, s3Client } from './sdk-clients.js';
import type { ServiceEndpoints } from './service-endpoints.js';

/** The outcome of asking the service whether the credentials work (I5). */
export type VerificationResult = { ok: true } | { ok: false; reason: string };

/** Removes every secret of the configuration from a message. */
export function scrubSecrets(message: string, config: IntegrationConfig): string {
  let scrubbed = message;
  for (const secret of secretValues(config))
    if (secret) scrubbed = scrubbed.split(secret).join('***');
  return scrubbed.slice(0, 500);
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code =
      (error as { code?: unknown; Code?: unknown }).Code ?? (error as { code?: unknown }).code;
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return 'The service did not answer in time';
    return `${error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}${code !== undefined && !error.message.includes(String(code)) ? ` (${String(code)})` : ''}`;
  }
  return String(error);
}

/**
 * Asks the service whether the credentials work: DynamoDB ListTables, S3 ListBuckets,
 * Dialogflow GetAgent — each bounded by `timeoutMs`. The reason of a failure is the
 * service's own, with every secret scrubbed.
 */
export async function verifyIntegration(
  config: IntegrationConfig,
  endpoints: ServiceEndpoints,
  timeoutMs: number,
): Promise<VerificationResult> {
  try {
    switch (config.service) {
      case 's3': {
        const { ListBucketsCommand } = await import('@aws-sdk/client-s3');
        const client = await s3Client(config, endpoints);
        try {
          await client.send(new ListBucketsCommand({}), {
            abortSignal: AbortSignal.timeout(timeoutMs),
          });
        } finally {
          client.destroy();
        }
        break;
      }
      case 'dynamodb': {
        const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
        const client = await dynamoDbClient(config, endpoints);
        try {
          await client.send(new ListTablesCommand({ Limit: 1 }), {
            abortSignal: AbortSignal.timeout(timeoutMs),
          });
        } finally {
          client.destroy();
        }
        break;
      }
      case 'dialogflow': {
        const client = await dialogflowAgentsClient(config.serviceAccount, endpoints);
        try {
          await client.getAgent(
            { parent: `projects/${config.serviceAccount.project_id}` },
            { timeout: timeoutMs, maxRetries: 0 },
          );
        } finally {
          await client.close();
        }
        break;
      }
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: scrubSecrets(reasonOf(error), config) };
  }
}
