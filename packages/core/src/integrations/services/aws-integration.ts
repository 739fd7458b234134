import type { IntegrationFormField } from '@switchboard/contract';
import { z } from 'zod';
import type { ServiceEndpoints } from '../service-endpoints.js';

/** The sealed configuration fields every AWS service shares. */
export const awsConfigShape = {
  key: z.string().min(1),
  secret: z.string().min(1),
  endpoint: z.string().optional(),
};

/** `AKIA…WXYZ`: enough of a key id to recognise it, not enough to use it. */
export function keyHint(key: string): string {
  return key.length <= 8 ? '…' : `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** The non-secret facts of an AWS configuration (I4): key hint, region, endpoint. */
export function awsDetails(config: {
  key: string;
  region?: string | undefined;
  endpoint?: string | undefined;
}): Record<string, string> {
  return {
    keyHint: keyHint(config.key),
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
}

/** Where AWS calls go: the site-wide override (tests, air-gapped sites), else the integration's own endpoint. */
export function awsEndpoint(
  config: { endpoint?: string | undefined },
  endpoints: ServiceEndpoints,
): string | undefined {
  return endpoints.aws ?? config.endpoint;
}

/** The access key id and secret access key fields of an AWS service's Add form. */
export const awsCredentialFields: IntegrationFormField[] = [
  { name: 'key', label: 'Key (access key ID)', kind: 'text', required: true },
  { name: 'secret', label: 'Secret (secret access key)', kind: 'secret', required: true },
];

/** The optional endpoint field of an AWS service's Add form. */
export function awsEndpointField(label: string): IntegrationFormField {
  return { name: 'endpoint', label, kind: 'text', required: false, placeholder: 'https://…' };
}
