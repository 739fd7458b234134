import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createSwitchboard,
  type MailMessage,
  operatorActor,
  type ScryptParameters,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { createSwitchboardApp } from '@switchboard/server-hono';

/** A Switchboard server running in this process, and how to reach and stop it. */
export interface RunningSwitchboard {
  /** e.g. `http://127.0.0.1:53117` */
  url: string;
  /** The seeded admin's emailed activation link (treat it as a password). */
  activationLink: string;
  adminEmail: string;
  /** Every email the server sent, newest last. */
  mail: MailMessage[];
  close(): Promise<void>;
}

/** What a test may change: cheaper password hashing (never lower it in production). */
export interface StartOptions {
  passwordHashing?: ScryptParameters;
}

/**
 * What the reference server does, on a throw-away database and a free port: migrate,
 * seed one account with one pending admin, serve the HTTP API. Stands in for a server you
 * would normally run elsewhere (`npm start`).
 */
export async function startSwitchboard(options: StartOptions = {}): Promise<RunningSwitchboard> {
  const mail: MailMessage[] = [];
  const sb = createSwitchboard({
    database: sqlite(':memory:'),
    mailer: { send: async (message) => void mail.push(message) },
    publicUrl: 'https://admin.acme.example',
    logger: silentLogger,
    ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
  });
  await sb.migrate();
  const { admin, activationLink } = await sb.operator.createAccount(operatorActor(), {
    companyName: 'Acme Telecom',
    admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' },
  });
  const app = createSwitchboardApp(sb);
  // Requests being handled, so that close() can wait for them before closing the database.
  let handling = 0;
  let allHandled: (() => void) | undefined;
  const fetch = async (request: Request, env: unknown) => {
    handling++;
    try {
      return await app.fetch(request, env);
    } finally {
      handling--;
      if (handling === 0) allHandled?.();
    }
  };
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve({ server, port: (info as AddressInfo).port }),
      );
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    activationLink,
    adminEmail: admin.email,
    mail,
    async close() {
      // Stop accepting: idle keep-alive connections close now, busy ones after their answer.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A handler can outlive its connection (a client that gave up): wait for it too, so
      // that the database is not closed under a request still using it.
      if (handling > 0) await new Promise<void>((resolve) => (allHandled = resolve));
      await sb.close();
    },
  };
}
