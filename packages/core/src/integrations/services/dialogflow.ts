import { createPrivateKey } from 'node:crypto';
import type { v2 } from '@google-cloud/dialogflow';
import { dialogflowIntegrationCreateSchema } from '@switchboard/contract';
import { z } from 'zod';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { type DialogflowAgent, dialogflowAgent } from '../connectors/dialogflow-agent.js';
import { defineIntegrationService } from '../integration-service.js';
import type { ServiceEndpoints } from '../service-endpoints.js';

/** A service-account key, the parts Switchboard uses (other fields are kept as they came). */
const serviceAccountKeySchema = z.looseObject({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  token_uri: z.string().optional(),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

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

/** Dialogflow v2 clients of one service account, each made (and its SDK loaded) on first use. */
export interface DialogflowClients {
  agents(): Promise<v2.AgentsClient>;
  sessions(): Promise<v2.SessionsClient>;
  close(): Promise<void>;
}

function dialogflowClients(key: ServiceAccountKey, endpoints: ServiceEndpoints): DialogflowClients {
  const options = async () => {
    const base = {
      projectId: key.project_id,
      credentials: { client_email: key.client_email, private_key: key.private_key },
    };
    if (!endpoints.dialogflow) return base;
    const { credentials } = await import('@grpc/grpc-js');
    const [host, port] = endpoints.dialogflow.split(':');
    return {
      ...base,
      apiEndpoint: host,
      port: Number(port),
      sslCreds: credentials.createInsecure(),
    };
  };
  let agents: Promise<v2.AgentsClient> | undefined;
  let sessions: Promise<v2.SessionsClient> | undefined;
  return {
    agents: () => {
      agents ??= import('@google-cloud/dialogflow').then(
        async ({ v2 }) => new v2.AgentsClient(await options()),
      );
      return agents;
    },
    sessions: () => {
      sessions ??= import('@google-cloud/dialogflow').then(
        async ({ v2 }) => new v2.SessionsClient(await options()),
      );
      return sessions;
    },
    async close() {
      const opened = [agents, sessions].filter((client) => client !== undefined);
      await Promise.all(opened.map(async (client) => (await client).close()));
    },
  };
}

/** A Dialogflow agent (I1): checked with GetAgent, opened for detect-intent. */
export const dialogflowIntegrationService = defineIntegrationService({
  id: 'dialogflow',
  label: 'Google Dialogflow',
  createSchema: dialogflowIntegrationCreateSchema,
  formFields: [
    {
      name: 'config',
      label: 'Config (the service-account key JSON)',
      kind: 'json',
      required: true,
      placeholder: '{ "type": "service_account", "project_id": …, "private_key": … }',
    },
  ],
  configSchema: z.object({
    service: z.literal('dialogflow'),
    serviceAccount: serviceAccountKeySchema,
  }),
  secretFields: ['serviceAccount.private_key'],
  toConfig({ config }) {
    assertLoadablePrivateKey(config.private_key);
    return { service: 'dialogflow' as const, serviceAccount: config };
  },
  details: ({ serviceAccount }) => ({
    projectId: serviceAccount.project_id,
    clientEmail: serviceAccount.client_email,
  }),
  createClient: async (config, endpoints) => dialogflowClients(config.serviceAccount, endpoints),
  closeClient: (clients) => clients.close(),
  async verify(clients, { serviceAccount }, { timeoutMs }) {
    await (await clients.agents()).getAgent(
      { parent: `projects/${serviceAccount.project_id}` },
      { timeout: timeoutMs, maxRetries: 0 },
    );
  },
  connect: async (clients, { serviceAccount }): Promise<DialogflowAgent> =>
    dialogflowAgent(await clients.sessions(), serviceAccount.project_id),
});
