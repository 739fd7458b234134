import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SwitchboardClient, UnauthenticatedError } from '@switchboard/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const operatorToken = 'e2e-operator-token';
const bin = join(import.meta.dirname, '..', '..', 'dist', 'bin', 'switchboard.js');

/** The reference server as a real process (`switchboard serve`), its log read for mail. */
class ServerProcess {
  #output = '';
  readonly #child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.#child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child.stdout?.on('data', (chunk: Buffer) => {
      this.#output += chunk.toString();
    });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#output += chunk.toString();
    });
  }

  async waitFor<T>(
    find: (output: string) => T | undefined,
    what: string,
    timeoutMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this.#output);
      if (found !== undefined) return found;
      if (Date.now() > deadline || this.#child.exitCode !== null) {
        throw new Error(`Timed out waiting for ${what}. Server output:\n${this.#output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The token of the newest emailed link of a kind sent to `to`, once it is logged. */
  linkToken(to: string, path: '/activate' | '/reset-password', after = 0): Promise<string> {
    return this.waitFor((output) => {
      const blocks = output
        .split('mail to ')
        .slice(1)
        .filter((b) => b.startsWith(`${to}:`));
      const links = blocks.flatMap((b) =>
        [...b.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0])),
      );
      const matching = links.filter((l) => l.pathname === path);
      return matching.length > after
        ? (matching.at(-1)?.searchParams.get('token') ?? undefined)
        : undefined;
    }, `a ${path} link to ${to}`);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null) return resolve();
      this.#child.once('exit', () => resolve());
      this.#child.kill('SIGTERM');
    });
  }
}

describe('the reference server, end to end through the client', () => {
  let dir: string;
  let server: ServerProcess;
  let client: SwitchboardClient;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
    server = new ServerProcess({
      PORT: '0',
      DATABASE_URL: join(dir, 'switchboard.db'),
      SWITCHBOARD_OPERATOR_TOKEN: operatorToken,
      PUBLIC_URL: 'http://console.example.test',
      MAIL_FROM: 'hello@e2e.test',
    });
    url = await server.waitFor(
      (o) => o.match(/listening on (http:\/\/\S+)/)?.[1],
      'the server to listen',
    );
    client = createClient({ baseUrl: url, retry: 0 });
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves health, the OpenAPI document and a problem for anonymous calls', async () => {
    expect(await client.health()).toEqual({ ok: true });
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/account', '/v1/operator/accounts', '/v1/users']),
    );
    expect(await (await fetch(`${url}/docs`)).text()).toContain('<div id="reference">');
    expect(await client.account.get().catch((e: unknown) => e)).toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('prints where the console is, and serves it with the pages emailed links open', async () => {
    expect(
      await server.waitFor((o) => o.match(/Admin console: (\S+)/)?.[1], 'the console line'),
    ).toBe(`${url}/console`);
    for (const [path, element] of [
      ['/console', '<sb-console'],
      ['/activate?token=abc', '<sb-set-password purpose="activate"'],
      ['/reset-password?token=abc', '<sb-set-password purpose="reset"'],
    ] as const) {
      const page = await fetch(`${url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(element);
    }
    const bundle = await fetch(`${url}/console/assets/switchboard-console.js`);
    expect(bundle.status).toBe(200);
  });

  it('operator creates an account → admin activates from the emailed link → signs in → adds a user → the user activates and signs in → admin resets their password', async () => {
    const password = 'admin passphrase, long enough';
    const { admin } = await client.withToken(operatorToken).operator.createAccount({
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    expect(admin.status).toBe('pending');

    const activation = await server.linkToken('ada@acme.test', '/activate');
    await client.auth.activate({ token: activation, password });
    const signedIn = await client.auth.login({ email: 'ada@acme.test', password });
    if (!('token' in signedIn)) throw new Error('expected a session');
    const adminClient = client.withToken(signedIn.token);

    const grace = await adminClient.users.add({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    const graceActivation = await server.linkToken('grace@acme.test', '/activate');
    await client.auth.activate({
      token: graceActivation,
      password: 'grace passphrase, long enough',
    });
    const graceLogin = await client.auth.login({
      email: 'grace@acme.test',
      password: 'grace passphrase, long enough',
    });
    expect('token' in graceLogin && graceLogin.user.id).toBe(grace.id);

    await adminClient.users.sendPasswordReset(grace.id);
    const reset = await server.linkToken('grace@acme.test', '/reset-password');
    await client.auth.completePasswordReset({
      token: reset,
      password: 'grace new passphrase, long',
    });
    const old = await client.auth
      .login({ email: 'grace@acme.test', password: 'grace passphrase, long enough' })
      .catch((e: unknown) => e);
    expect(old).toBeInstanceOf(UnauthenticatedError);
    const fresh = await client.auth.login({
      email: 'grace@acme.test',
      password: 'grace new passphrase, long',
    });
    expect('token' in fresh).toBe(true);

    const names: string[] = [];
    for await (const user of adminClient.users.list()) names.push(user.firstName);
    // Ordered by last name; the demo account the server seeded is another account.
    expect(names).toEqual(['Grace', 'Ada']);
  }, 60_000);
});
