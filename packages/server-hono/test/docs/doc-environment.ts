import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

/** Environment variables a program gets, and how to take them down afterwards. */
export interface ProgramEnvironment {
  env: Record<string, string>;
  /** Set when the program cannot run here (and it is not CI): why. */
  skip?: string;
  close(): Promise<void>;
}

const postgresUrl =
  process.env.SWITCHBOARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The demo admin the reference server creates on an empty database, and their password. */
const referenceAdmin = { email: 'admin@example.com', password: 'docs check passphrase 42' };

/**
 * What the docs' programs read from the environment, as a reader's would hold it. Each
 * variable is given only to programs whose code names it:
 *
 * - `SWITCHBOARD_SECRET_KEYS`: a fresh key ring;
 * - `SWITCHBOARD_OPERATOR_TOKEN`: a random token;
 * - `SMTP_URL`: an SMTP server on loopback that accepts every message;
 * - `DATABASE_URL`: a fresh PostgreSQL database, dropped afterwards (at
 *   SWITCHBOARD_TEST_POSTGRES_URL; without one the program is skipped, unless CI=true);
 * - `SWITCHBOARD_URL`, `SWITCHBOARD_EMAIL`, `SWITCHBOARD_PASSWORD`: a reference server
 *   (`switchboard serve` of the packed server package, SQLite in memory, with a key ring as
 *   a real server has) whose demo admin has activated with that email and password — for
 *   the client's examples.
 */
export class DocEnvironment {
  readonly #consumer: string;
  #smtp?: Promise<string>;
  #smtpServer?: SMTPServer;

  constructor(consumerDirectory: string) {
    this.#consumer = consumerDirectory;
  }

  async forProgram(code: string): Promise<ProgramEnvironment> {
    const env: Record<string, string> = {};
    const closers: (() => Promise<void>)[] = [];
    const close = async () => {
      for (const closer of closers.reverse()) await closer();
    };
    const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(code);
    try {
      if (uses('SWITCHBOARD_SECRET_KEYS'))
        env.SWITCHBOARD_SECRET_KEYS = `docs:${randomBytes(32).toString('base64')}`;
      if (uses('SWITCHBOARD_OPERATOR_TOKEN'))
        env.SWITCHBOARD_OPERATOR_TOKEN = randomBytes(32).toString('hex');
      if (uses('SMTP_URL')) env.SMTP_URL = await this.#smtpUrl();
      if (uses('DATABASE_URL')) {
        const database = await freshPostgresDatabase();
        if ('skip' in database) return { env, skip: database.skip, close };
        closers.push(database.drop);
        env.DATABASE_URL = database.url;
      }
      if (uses('SWITCHBOARD_URL')) {
        const server = await startReferenceServer(this.#consumer);
        closers.push(server.stop);
        env.SWITCHBOARD_URL = server.url;
        env.SWITCHBOARD_EMAIL = referenceAdmin.email;
        env.SWITCHBOARD_PASSWORD = referenceAdmin.password;
      }
      return { env, close };
    } catch (error) {
      await close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const server = this.#smtpServer;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #smtpUrl(): Promise<string> {
    this.#smtp ??= (async () => {
      const smtp = new SMTPServer({
        disabledCommands: ['STARTTLS'],
        authOptional: true,
        logger: false,
        onData(stream, _session, callback) {
          stream.resume();
          stream.on('end', () => callback());
        },
      });
      this.#smtpServer = smtp;
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      return `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    })();
    return this.#smtp;
  }
}

async function freshPostgresDatabase(): Promise<
  { url: string; drop: () => Promise<void> } | { skip: string }
> {
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    if (process.env.CI === 'true') throw error;
    return { skip: `no PostgreSQL at ${postgresUrl} for DATABASE_URL` };
  }
  const name = `switchboard_docs_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Runs `switchboard serve` from the consumer's install and activates its demo admin. */
async function startReferenceServer(
  consumer: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const cwd = await mkdtemp(join(tmpdir(), 'switchboard-docs-server-'));
  const bin = join(
    consumer,
    'node_modules',
    '@switchboard',
    'server-hono',
    'dist',
    'bin',
    'switchboard.js',
  );
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      DATABASE_URL: ':memory:',
      SWITCHBOARD_SECRET_KEYS: `docs:${randomBytes(32).toString('base64')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    await stopProcess(child);
    await rm(cwd, { recursive: true, force: true });
  };
  try {
    const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`The reference server did not start:\n${output}`)),
        60_000,
      );
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        const token = /\/activate\?token=([\w-]+)/.exec(output)?.[1];
        if (url && token) {
          clearTimeout(timer);
          resolve({ url, token });
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The reference server exited (${code}):\n${output}`));
      });
    });
    const response = await fetch(`${url}/v1/auth/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: referenceAdmin.password }),
    });
    if (!response.ok)
      throw new Error(
        `Activating the demo admin answered ${response.status}: ${await response.text()}`,
      );
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
