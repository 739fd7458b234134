import { integrationCreateSchema } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { integrationInput } from './integration-input.js';

const aws = { name: 'Recordings', key: 'AKIAIOSFODNN7EXAMPLE', description: 'Calls' };
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('integrationInput', () => {
  it('builds an S3 body the API accepts, without region (I1)', () => {
    const body = integrationInput('s3', { ...aws, secret, region: 'eu-west-1', endpoint: '' });
    expect(body).toEqual({ service: 's3', ...aws, secret });
    expect(integrationCreateSchema.safeParse(body).success).toBe(true);
  });

  it('builds a DynamoDB body with its region and a trimmed endpoint', () => {
    const body = integrationInput('dynamodb', {
      ...aws,
      secret,
      region: 'eu-west-1',
      endpoint: ' http://127.0.0.1:8000 ',
    });
    expect(body).toEqual({
      service: 'dynamodb',
      ...aws,
      secret,
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:8000',
    });
    expect(integrationCreateSchema.safeParse(body).success).toBe(true);
  });

  it('sends Dialogflow the pasted service-account JSON, and no AWS fields', () => {
    const config = JSON.stringify({
      type: 'service_account',
      project_id: 'acme-agent',
      client_email: 'bot@acme-agent.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n',
    });
    const body = integrationInput('dialogflow', { name: 'Agent', config, key: 'x', secret });
    expect(body).toEqual({ service: 'dialogflow', name: 'Agent', config, description: '' });
    expect(integrationCreateSchema.safeParse(body).success).toBe(true);
  });
});
