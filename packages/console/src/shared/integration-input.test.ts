import { type IntegrationServiceInfo, integrationCreateSchema } from '@switchboard/contract';
import { createSwitchboard, silentLogger, sqlite } from '@switchboard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { chosenService, detailFacts, integrationInput } from './integration-input.js';

// What the server offers: the services of a real Switchboard, as GET /v1/integration-services answers.
const sb = createSwitchboard({ database: sqlite(':memory:'), logger: silentLogger });
afterAll(() => sb.close());
const offered = sb.integrations.services();
const info = (service: string): IntegrationServiceInfo => {
  const found = offered.find((s) => s.service === service);
  if (!found) throw new Error(`${service} is not offered`);
  return found;
};

const aws = { name: 'Recordings', key: 'AKIAIOSFODNN7EXAMPLE', description: 'Calls' };
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('integrationInput', () => {
  it('builds an S3 body the API accepts, without region (I1)', () => {
    const body = integrationInput(info('s3'), {
      ...aws,
      secret,
      region: 'eu-west-1',
      endpoint: '',
    });
    expect(body).toEqual({ service: 's3', ...aws, secret });
    expect(integrationCreateSchema.safeParse(body).success).toBe(true);
  });

  it('builds a DynamoDB body with its region and a trimmed endpoint', () => {
    const body = integrationInput(info('dynamodb'), {
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
    const body = integrationInput(info('dialogflow'), {
      name: 'Agent',
      config,
      key: 'x',
      secret,
    });
    expect(body).toEqual({ service: 'dialogflow', name: 'Agent', config, description: '' });
    expect(integrationCreateSchema.safeParse(body).success).toBe(true);
  });

  it('builds the body of a service the console has never heard of from its fields (I1)', () => {
    const webhookStore: IntegrationServiceInfo = {
      service: 'webhook-store',
      label: 'Webhook store',
      fields: [
        { name: 'url', label: 'URL', kind: 'text', required: true },
        { name: 'token', label: 'Token', kind: 'secret', required: true },
        { name: 'note', label: 'Note', kind: 'text', required: false },
      ],
    };
    expect(
      integrationInput(webhookStore, {
        name: 'Docs',
        url: ' https://hooks.example ',
        token: 'tok',
        note: ' ',
        key: 'left over from S3',
      }),
    ).toEqual({
      service: 'webhook-store',
      name: 'Docs',
      description: '',
      url: 'https://hooks.example',
      token: 'tok',
    });
  });

  it('builds, for every service offered, a body the server’s own schema accepts', () => {
    for (const service of offered) {
      const values = Object.fromEntries(
        service.fields.map((field) => [field.name, field.options?.[0] ?? '']),
      );
      const body = integrationInput(service, { name: 'X', ...values });
      // Empty required fields are sent, so the server names them; the shape is the service's.
      const result = sb.integrations.createSchema.safeParse(body);
      const paths = result.success ? [] : result.error.issues.map((i) => String(i.path[0]));
      expect(paths.every((path) => service.fields.some((f) => f.name === path))).toBe(true);
    }
  });
});

describe('chosenService (issue 16: the select and the fields agree)', () => {
  it('is the chosen service when offered, else the first offered', () => {
    expect(chosenService(offered, 's3')?.service).toBe('s3');
    expect(chosenService(offered, undefined)?.service).toBe(offered[0]?.service);
    expect(chosenService(offered, 'gone')?.service).toBe(offered[0]?.service);
    expect(chosenService([], 's3')).toBeUndefined();
  });

  it('gives the fields of the service shown: Dialogflow asks for its JSON, not for AWS keys', () => {
    expect(chosenService(offered, 'dialogflow')?.fields.map((f) => f.name)).toEqual(['config']);
    expect(chosenService(offered, 's3')?.fields.map((f) => f.name)).toEqual([
      'key',
      'secret',
      'endpoint',
    ]);
  });
});

describe('detailFacts (I4)', () => {
  it('labels known details and any other service’s by its key', () => {
    expect(
      detailFacts({ keyHint: 'AKIA…MPLE', region: 'eu-west-1', bucketUrl: 'https://b' }),
    ).toEqual([
      ['Key', 'AKIA…MPLE'],
      ['Region', 'eu-west-1'],
      ['Bucket url', 'https://b'],
    ]);
  });
});
