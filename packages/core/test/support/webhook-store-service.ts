import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { integrationCreateBody } from '@switchboard/contract';
import { z } from 'zod';
import { defineIntegrationService } from '../../src/integrations/integration-service.js';

/**
 * A fourth integration service, as an integrator would write one: a "webhook store" that
 * keeps documents at an HTTP endpoint behind a bearer token (one secret field). It is
 * registered through `createSwitchboard({ integrationServices: [webhookStoreService] })`
 * and must work through the core, the HTTP API, the OpenAPI document and the console
 * without touching any other file.
 */
export const webhookStoreService = defineIntegrationService({
  id: 'webhook-store',
  label: 'Webhook store',
  createSchema: integrationCreateBody('webhook-store', {
    url: z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }),
    token: z.string().trim().min(8, 'At least 8 characters').max(200),
  }),
  formFields: [
    { name: 'url', label: 'URL', kind: 'text', required: true, placeholder: 'https://…' },
    { name: 'token', label: 'Token', kind: 'secret', required: true },
  ],
  configSchema: z.object({ url: z.string(), token: z.string() }),
  secretFields: ['token'],
  toConfig: ({ url, token }) => ({ url, token }),
  details: ({ url }) => ({ url }),
  createClient: async ({ url, token }) => ({ url: url.replace(/\/+$/, ''), token }),
  closeClient: async () => {},
  async verify(client, _config, { signal }) {
    const response = await fetch(`${client.url}/check`, {
      headers: { authorization: `Bearer ${client.token}` },
      signal,
    });
    if (!response.ok) {
      throw Object.assign(new Error(await response.text()), {
        name: 'WebhookStoreError',
        status: response.status,
      });
    }
  },
  connect: async (client) => ({
    /** Stores a document under `key`. */
    async put(key: string, document: unknown): Promise<void> {
      const response = await fetch(`${client.url}/documents/${encodeURIComponent(key)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(document),
      });
      if (!response.ok) throw new Error(`The webhook store answered ${response.status}`);
    },
    /** The document under `key`, or null. */
    async get(key: string): Promise<unknown> {
      const response = await fetch(`${client.url}/documents/${encodeURIComponent(key)}`, {
        headers: { authorization: `Bearer ${client.token}` },
      });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`The webhook store answered ${response.status}`);
      return response.json();
    },
  }),
});

/** The local HTTP server behind `webhookStoreService`. */
export interface WebhookStoreServer {
  url: string;
  /** The token it accepts now; change it to make the stored credentials stale. */
  token: string;
  documents: Map<string, unknown>;
  stop(): Promise<void>;
}

/**
 * Starts the store on loopback. A wrong token is refused with 401 and — like careless real
 * services — a body that echoes the first 24 characters of the token and its base64.
 */
export async function startWebhookStore(token: string): Promise<WebhookStoreServer> {
  const documents = new Map<string, unknown>();
  const state = { token };
  const server = createServer(async (request, response) => {
    const sent = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (sent !== state.token) {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(
        `Token ${sent.slice(0, 24)}… is not valid (received ${Buffer.from(sent).toString('base64')})`,
      );
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/check') {
      response.writeHead(204).end();
      return;
    }
    const key = decodeURIComponent(url.pathname.replace(/^\/documents\//, ''));
    if (request.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      documents.set(key, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(204).end();
      return;
    }
    if (!documents.has(key)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(documents.get(key)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get token() {
      return state.token;
    },
    set token(value: string) {
      state.token = value;
    },
    documents,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
