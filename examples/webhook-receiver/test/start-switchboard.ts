import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import {
  createSwitchboard,
  newKeyRingEntry,
  operatorActor,
  type Switchboard,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { createSwitchboardApp } from '@switchboard/server-hono';

/** A Switchboard server running in this process, and how to reach and stop it. */
export interface RunningSwitchboard {
  /** e.g. `http://127.0.0.1:53117` */
  url: string;
  /** The token of the seeded admin's activation link. */
  activationToken: string;
  sb: Switchboard;
  /** Waits for the requests in flight and the webhook attempts, then closes the database. */
  close(): Promise<void>;
}

/**
 * What the reference server run with `SWITCHBOARD_WEBHOOKS_ALLOW_HTTP=true` and
 * `SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE=true` does, on a throw-away SQLite file and a free
 * port: migrate, seed one account with one pending admin, serve the HTTP API.
 */
export async function startSwitchboard(): Promise<RunningSwitchboard> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-webhook-receiver-'));
  const sb = createSwitchboard({
    database: sqlite(join(dir, 'switchboard.db')),
    secretKeys: newKeyRingEntry('k1'), // endpoint secrets are sealed under the key ring
    mailer: { send: async () => {} },
    logger: silentLogger,
    // Cheap hashing keeps the test quick on a loaded machine; never lower it in production.
    passwordHashing: { logN: 10, r: 8, p: 1 },
    // The receiver listens on this machine over plain http: development only.
    webhooks: { allowHttp: true, allowPrivateAddresses: true },
  });
  await sb.migrate();
  const { activationLink } = await sb.operator.createAccount(operatorActor(), {
    companyName: 'Acme Telecom',
    admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' },
  });
  const app = createSwitchboardApp(sb);
  // Requests being handled, so that close() can wait for them before closing the database.
  let handling = 0;
  let allHandled: (() => void) | undefined;
  const fetch = async (request: Request) => {
    handling++;
    try {
      return await app.fetch(request);
    } finally {
      handling--;
      if (handling === 0) allHandled?.();
    }
  };
  const { server, port } = await listen(fetch);
  return {
    url: `http://127.0.0.1:${port}`,
    activationToken: new URL(activationLink).searchParams.get('token') ?? '',
    sb,
    async close() {
      // Stop accepting: idle keep-alive connections close now, busy ones after their answer.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (handling > 0) await new Promise<void>((resolve) => (allHandled = resolve));
      await sb.close(); // finishes the webhook attempts in flight
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Serves `fetch` on a free port of 127.0.0.1. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server: server as Server, port: info.port }),
    );
  });
}
