import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { integrationCreateBody } from '@switchboard/contract';
import { defineIntegrationService } from '@switchboard/core';
import { z } from 'zod';

/**
 * A fourth integration service as an integrator writes one, in one file: a "ticket store"
 * reached over HTTP with an API key (one secret field). Registered with
 * `createSwitchboard({ integrationServices: [ticketStoreService] })`, it must show up in the
 * HTTP API, the OpenAPI document and the console's Add form with no other change.
 */
export const ticketStoreService = defineIntegrationService({
  id: 'ticket-store',
  label: 'Ticket store',
  createSchema: integrationCreateBody('ticket-store', {
    url: z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }),
    apiKey: z.string().trim().min(8, 'At least 8 characters').max(200),
  }),
  formFields: [
    { name: 'url', label: 'Store URL', kind: 'text', required: true, placeholder: 'https://…' },
    { name: 'apiKey', label: 'API key', kind: 'secret', required: true },
  ],
  configSchema: z.object({ url: z.string(), apiKey: z.string() }),
  secretFields: ['apiKey'],
  toConfig: ({ url, apiKey }) => ({ url, apiKey }),
  details: ({ url }) => ({ url }),
  createClient: async ({ url, apiKey }) => ({ url: url.replace(/\/+$/, ''), apiKey }),
  closeClient: async () => {},
  async verify(client, _config, { signal }) {
    const response = await fetch(`${client.url}/check`, {
      headers: { 'x-api-key': client.apiKey },
      signal,
    });
    if (!response.ok) throw new Error(`The ticket store answered ${response.status}`);
  },
  connect: async (client) => ({ url: client.url }),
});

/** The ticket store's local server: `/check` answers 204 to `apiKey`, 401 to anything else. */
export async function startTicketStore(
  apiKey: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    response.writeHead(request.headers['x-api-key'] === apiKey ? 204 : 401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
