import type { S3Client } from '@aws-sdk/client-s3';
import { s3IntegrationCreateSchema } from '@switchboard/contract';
import { z } from 'zod';
import { type RecordingStore, s3RecordingStore } from '../connectors/s3-recording-store.js';
import { defineIntegrationService } from '../integration-service.js';
import {
  awsConfigShape,
  awsCredentialFields,
  awsDetails,
  awsEndpoint,
  awsEndpointField,
} from './aws-integration.js';

/** What an S3 integration gives applications: call recordings in a bucket (S3 is for recordings only). */
export interface S3Connector {
  recordings(bucket: string): RecordingStore;
}

/**
 * Amazon S3, or an S3-compatible store at `endpoint`, for call recordings (I1): checked with
 * ListBuckets, opened as a recording store.
 */
export const s3IntegrationService = defineIntegrationService({
  id: 's3',
  label: 'Amazon S3 (call recordings)',
  createSchema: s3IntegrationCreateSchema,
  formFields: [
    ...awsCredentialFields,
    awsEndpointField('Endpoint (optional: an S3-compatible store)'),
  ],
  configSchema: z.object({ service: z.literal('s3'), ...awsConfigShape }),
  secretFields: ['secret'],
  toConfig: ({ key, secret, endpoint }) => ({ service: 's3' as const, key, secret, endpoint }),
  details: (config) => awsDetails(config),
  async createClient(config, endpoints): Promise<S3Client> {
    const { S3Client } = await import('@aws-sdk/client-s3');
    const endpoint = awsEndpoint(config, endpoints);
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
  },
  async closeClient(client) {
    client.destroy();
  },
  async verify(client, _config, { signal }) {
    const { ListBucketsCommand } = await import('@aws-sdk/client-s3');
    await client.send(new ListBucketsCommand({}), { abortSignal: signal });
  },
  connect: async (client): Promise<S3Connector> => ({
    recordings: (bucket) => s3RecordingStore(client, bucket),
  }),
});
