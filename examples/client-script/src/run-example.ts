import {
  ConflictError,
  createClient,
  isConnectionError,
  isSwitchboardApiError,
} from '@switchboard/client';
import { type StartOptions, startSwitchboard } from './start-switchboard.ts';

const password = 'a long and private passphrase';

/**
 * A script that administers an account over HTTP with `@switchboard/client`: the seeded
 * admin activates from their link, signs in, adds users, lists them page by page, meets a
 * conflict, signs out. Returns what happened, so the smoke test can check it.
 */
export async function runExample(
  log: (line: string) => void = console.log,
  options: StartOptions = {},
) {
  const server = await startSwitchboard(options);
  let closed = false;
  try {
    // retry: GET, PUT and DELETE are retried on 408, 429 and 5xx (never POST or PATCH).
    // Each attempt may take the client's default 10 s (signing in hashes on purpose slowly).
    const client = createClient({ baseUrl: server.url, retry: 3 });
    log(`Server at ${server.url}: ${JSON.stringify(await client.health())}`);

    // 1. Activate: the token is the one in the emailed link.
    const linkToken = new URL(server.activationLink).searchParams.get('token') ?? '';
    const activated = await client.auth.activate({ token: linkToken, password });
    log(`${activated.user.email} activated: ${activated.user.status}`);

    // 2. Sign in (as any later run of the script would) and use the session token.
    const result = await client.auth.login({ email: server.adminEmail, password });
    if (!('token' in result)) throw new Error('two-factor is on: finish with auth.verifyLogin');
    const admin = client.withToken(result.token);

    // 3. Add users; each gets an activation email.
    for (const [firstName, lastName] of [
      ['Grace', 'Hopper'],
      ['Alan', 'Turing'],
      ['Katherine', 'Johnson'],
    ] as const) {
      const user = await admin.users.add({
        firstName,
        lastName,
        email: `${firstName.toLowerCase()}@acme.example`,
        permissions: { canCreate: true },
      });
      log(`Added ${user.firstName} ${user.lastName} (${user.id}), ${user.status}`);
    }

    // 4. List every user; the iterator fetches pages (of 2 here) as it goes.
    const listed: string[] = [];
    for await (const user of admin.users.list({ limit: 2 })) {
      listed.push(user.email);
      log(`  ${user.lastName}, ${user.firstName} <${user.email}>${user.isAdmin ? ' admin' : ''}`);
    }

    // 5. Errors: an email that differs only in case is taken (409 email_taken).
    let conflict: { status: number; code: string; requestId: string | undefined } | undefined;
    try {
      await admin.users.add({ firstName: 'G.', lastName: 'Hopper', email: 'GRACE@acme.example' });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      conflict = { status: error.status, code: error.code, requestId: error.requestId };
      log(
        `Refused: ${error.status} ${error.code}: ${error.detail} (request id ${error.requestId})`,
      );
    }

    // 6. Sign out; the token stops working at once.
    await admin.auth.logout();
    let afterLogout: string | undefined;
    try {
      await admin.me.get();
    } catch (error) {
      if (!isSwitchboardApiError(error)) throw error;
      afterLogout = error.code;
      log(`After sign-out: ${error.status} ${error.code}`);
    }

    // 7. With the server gone, a call gets no answer at all: a ConnectionError.
    await server.close();
    closed = true;
    let unreachable = false;
    try {
      await createClient({ baseUrl: server.url, retry: 0 }).health();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      unreachable = true;
      log(`Server closed: ${error.name}`);
    }

    return { activated: activated.user, listed, conflict, afterLogout, unreachable };
  } finally {
    if (!closed) await server.close();
  }
}
