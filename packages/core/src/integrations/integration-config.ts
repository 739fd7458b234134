import { createPrivateKey } from 'node:crypto';
import type { IntegrationDetails, IntegrationService } from '@switchboard/contract';
import { SwitchboardError } from '../errors/switchboard-error.js';

/** A service-account key, the parts Switchboard uses. */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  client_email: string;
  private_key: string;
  token_uri?: string | undefined;
  [field: string]: unknown;
}

/** An integration's whole configuration, as sealed in the database. */
export type IntegrationConfig =
  | { service: 'dialogflow'; serviceAccount: ServiceAccountKey }
  | {
      service: 'dynamodb';
      key: string;
      secret: string;
      region: string;
      endpoint?: string | undefined;
    }
  | { service: 's3'; key: string; secret: string; endpoint?: string | undefined };

/** `AKIA…WXYZ`: enough of a key id to recognise it, not enough to use it. */
export function keyHint(key: string): string {
  return key.length <= 8 ? '…' : `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** The non-secret facts shown in responses (I4). */
export function integrationDetails(config: IntegrationConfig): IntegrationDetails {
  switch (config.service) {
    case 'dialogflow':
      return {
        projectId: config.serviceAccount.project_id,
        clientEmail: config.serviceAccount.client_email,
      };
    case 'dynamodb':
      return {
        keyHint: keyHint(config.key),
        region: config.region,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      };
    case 's3':
      return {
        keyHint: keyHint(config.key),
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      };
  }
}

/** Throws `validation_failed` on `config.private_key` unless node:crypto can load the key. */
export function assertLoadablePrivateKey(privateKey: string): void {
  try {
    createPrivateKey(privateKey);
  } catch {
    throw new SwitchboardError('validation_failed', 'The service-account key is not valid', {
      issues: [{ path: 'config.private_key', message: 'Expected a PEM private key' }],
    });
  }
}

/** Every secret value inside a configuration, so errors and logs can be scrubbed of them. */
export function secretValues(config: IntegrationConfig): string[] {
  if (config.service === 'dialogflow') {
    const key = config.serviceAccount.private_key;
    return [
      key,
      ...key.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')),
    ];
  }
  return [config.secret];
}

/** The associated data a configuration is sealed under: it binds the ciphertext to its row. */
export function sealContext(
  accountId: string,
  integrationId: string,
  service: IntegrationService,
): string {
  return `switchboard:integration:${accountId}:${integrationId}:${service}`;
}
