import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { sealContext } from './integration-config.js';
import { scrubSecrets, secretValues } from './scrub-secrets.js';
import { keyHint } from './services/aws-integration.js';
import { assertLoadablePrivateKey, dialogflowIntegrationService } from './services/dialogflow.js';
import { dynamoDbIntegrationService } from './services/dynamodb.js';
import { s3IntegrationService } from './services/s3.js';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const serviceAccount = {
  type: 'service_account' as const,
  project_id: 'acme-bot',
  client_email: 'bot@acme-bot.iam.gserviceaccount.com',
  private_key: privateKey,
};

describe('integration details (I4)', () => {
  it('hint at an AWS key id without revealing it', () => {
    expect(keyHint('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(keyHint('short')).toBe('…');
  });

  it('show only non-secret facts per service', () => {
    expect(dialogflowIntegrationService.details({ service: 'dialogflow', serviceAccount })).toEqual(
      {
        projectId: 'acme-bot',
        clientEmail: serviceAccount.client_email,
      },
    );
    expect(
      dynamoDbIntegrationService.details({
        service: 'dynamodb',
        key: 'AKIAIOSFODNN7EXAMPLE',
        secret: 's',
        region: 'eu-west-1',
      }),
    ).toEqual({ keyHint: 'AKIA…MPLE', region: 'eu-west-1' });
  });

  it('scrub every secret, including lines of a private key, from messages', () => {
    const line = privateKey.split('\n')[3] ?? '';
    const config = { service: 'dialogflow' as const, serviceAccount };
    const secrets = secretValues(config, dialogflowIntegrationService.secretFields);
    expect(scrubSecrets(`failed near ${line}`, secrets)).toBe('failed near ***');
    expect(
      secretValues(
        { service: 's3', key: 'k', secret: 'the-secret' },
        s3IntegrationService.secretFields,
      ),
    ).toEqual(['the-secret']);
  });

  it('bind a sealed configuration to its account, integration and service', () => {
    expect(sealContext('acc_1', 'int_1', 's3')).not.toBe(sealContext('acc_1', 'int_2', 's3'));
  });
});

describe('assertLoadablePrivateKey (I1)', () => {
  it('accepts a PEM key node:crypto can load and refuses anything else', () => {
    expect(() => assertLoadablePrivateKey(privateKey)).not.toThrow();
    let error: unknown;
    try {
      assertLoadablePrivateKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----');
    } catch (e) {
      error = e;
    }
    expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
  });
});
