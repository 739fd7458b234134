import {
  createSwitchboard,
  type MailMessage,
  operatorActor,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { createHostApp, type HostUser } from './host-app.ts';

/** What one request to the host app answered. */
export interface Exchange {
  label: string;
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Opens an account with an admin (Ada) and a member (Bob), gives each an API key of the
 * host app, and calls the mounted admin API as nobody, as Bob and as Ada. Returns every
 * exchange, so the smoke test can check them.
 */
export async function runExample(log: (line: string) => void = console.log) {
  const mail: MailMessage[] = [];
  const sb = createSwitchboard({
    database: sqlite(':memory:'),
    // The host signs people in, so nobody needs Switchboard's activation emails here.
    mailer: { send: async (message) => void mail.push(message) },
    logger: silentLogger,
  });
  try {
    await sb.migrate();
    const { admin: ada } = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme Telecom',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' },
    });
    const bob = await sb.users.add(await sb.identity.actorFor(ada.id), {
      firstName: 'Bob',
      lastName: 'Babbage',
      email: 'bob@acme.example',
    });

    // The host app's own users and keys, each mapped to a Switchboard user id.
    const apiKeys = new Map<string, HostUser>([
      ['key-ada-1234', { name: 'Ada', switchboardUserId: ada.id }],
      ['key-bob-5678', { name: 'Bob', switchboardUserId: bob.id }],
    ]);
    const app = createHostApp(sb, apiKeys);

    const exchanges: Exchange[] = [];
    const call = async (label: string, path: string, init: RequestInit = {}) => {
      const response = await app.request(path, init);
      const contentType = response.headers.get('content-type') ?? '';
      const body: unknown = response.status === 204 ? null : await response.json();
      exchanges.push({ label, status: response.status, contentType, body });
      const problem = body as { code?: string; detail?: string } | null;
      const summary =
        response.ok || !problem?.code ? '' : ` ${problem.code}: ${problem.detail ?? ''}`;
      log(`${label}\n  -> ${response.status} ${contentType.split(';')[0]}${summary}`);
      return body;
    };
    const as = (key: string, init: RequestInit = {}): RequestInit => ({
      ...init,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
    });

    await call('GET /whoami as Bob (a route of the host app)', '/whoami', as('key-bob-5678'));
    await call('GET /admin/v1/users without an API key', '/admin/v1/users');
    await call(
      'GET /admin/v1/users with a Switchboard-style bearer token (not this app’s scheme)',
      '/admin/v1/users',
      { headers: { authorization: 'Bearer some-session-token' } },
    );
    const me = (await call('GET /admin/v1/me as Bob', '/admin/v1/me', as('key-bob-5678'))) as {
      email: string;
      isAdmin: boolean;
    };
    log(`  Bob is ${me.email}, admin: ${me.isAdmin}`);
    const newUser = JSON.stringify({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.example',
    });
    await call(
      'POST /admin/v1/users as Bob (a member)',
      '/admin/v1/users',
      as('key-bob-5678', { method: 'POST', body: newUser }),
    );
    await call(
      'POST /admin/v1/users as Ada (an admin)',
      '/admin/v1/users',
      as('key-ada-1234', { method: 'POST', body: newUser }),
    );
    const page = (await call(
      'GET /admin/v1/users as Ada',
      '/admin/v1/users',
      as('key-ada-1234'),
    )) as {
      data: { email: string; isAdmin: boolean; status: string }[];
    };
    for (const user of page.data)
      log(`  ${user.email}${user.isAdmin ? ' (admin)' : ''}, ${user.status}`);

    await sb.mail.idle();
    return { exchanges, mail };
  } finally {
    await sb.close();
  }
}
