import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..', '..');
const operatorToken = 'serve-test-operator-token';

/**
 * The reference server's bin bundled from the sources (the core and the contract too, by
 * their source export condition), every other package left to node_modules: the test runs
 * the server as a real process without a prior build.
 */
async function bundleServer(): Promise<string> {
  const directory = join(packageRoot, 'test-artifacts', 'reference-server');
  await mkdir(directory, { recursive: true });
  const outfile = join(directory, `switchboard-${process.pid}.mjs`);
  await build({
    entryPoints: [join(packageRoot, 'src', 'bin', 'switchboard.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // The workspace packages' source entry points, by either name of the condition.
    conditions: ['@switchboard/source', 'development'],
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'workspace-sources-only',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            /^@switchboard\/(core|contract)(\/|$)/.test(args.path)
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}

/** `switchboard serve` as a child process, its output kept. */
class ServerProcess {
  output = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(bundle: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [bundle, 'serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
      });
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  async port(): Promise<number> {
    for (;;) {
      const found = this.output.match(/listening on http:\/\/localhost:(\d+)/)?.[1];
      if (found) return Number(found);
      if (this.child.exitCode !== null) throw new Error(`the server exited:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** A raw connection and everything it received. */
interface Connection {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

async function open(port: number): Promise<Connection> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  const closed = once(socket, 'close').then(() => undefined);
  await once(socket, 'connect');
  return { socket, received: () => received, closed };
}

/** Waits until the connection has received one whole answer (it has a Content-Length). */
async function answer(connection: Connection, after = 0): Promise<string> {
  for (;;) {
    const text = connection.received().slice(after);
    const end = text.indexOf('\r\n\r\n');
    const length = Number(text.match(/content-length: (\d+)/i)?.[1] ?? Number.NaN);
    if (end >= 0 && text.length >= end + 4 + length) return text.slice(0, end + 4 + length);
    await Promise.race([once(connection.socket, 'data'), connection.closed]);
    if (connection.socket.destroyed && !connection.received().slice(after).includes('\r\n\r\n'))
      throw new Error(`the connection closed without an answer: ${connection.received()}`);
  }
}

function loginHead(body: string): string {
  return `POST /v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
}

const loginBody = JSON.stringify({ email: 'nobody@acme.test', password: 'a wrong passphrase' });

describe('the reference server process', () => {
  let bundle: string;
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    bundle = await bundleServer();
  }, 60_000);

  afterAll(async () => {
    await rm(bundle, { force: true });
  });

  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string> = {}): Promise<number> {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-serve-'));
    server = new ServerProcess(bundle, {
      PORT: '0',
      DATABASE_URL: join(dir, 'switchboard.db'),
      SWITCHBOARD_OPERATOR_TOKEN: operatorToken,
      PUBLIC_URL: 'http://console.example.test',
      ...env,
    });
    return server.port();
  }

  it('on SIGTERM closes idle and half-sent connections at once, finishes requests in flight, cuts the stalled one at the deadline and exits 0 (item 3)', async () => {
    // A deadline long enough for two sign-ins at full scrypt cost on a loaded machine: the
    // requests in flight must finish before it, the stalled one is cut at it.
    const port = await start({ SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS: '20' });
    const running = server as ServerProcess;

    const halfHeaders = await open(port);
    halfHeaders.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n'); // no blank line
    const inFlight = await open(port);
    inFlight.socket.write(loginHead(loginBody) + loginBody.slice(0, 10));
    const stalled = await open(port);
    stalled.socket.write(loginHead(loginBody) + loginBody.slice(0, 10));
    const busy = await open(port);
    busy.socket.write(loginHead(loginBody) + loginBody.slice(0, 10));
    // Round trips on a later connection: the server has taken the earlier ones and read them.
    const idle = await open(port);
    let seen = 0;
    for (let i = 0; i < 2; i++) {
      idle.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      seen += (await answer(idle, seen)).length;
    }

    busy.socket.write(loginBody.slice(10)); // its password check runs as the signal arrives
    running.child.kill('SIGTERM');

    // Idle and half-sent connections are closed without waiting for the deadline: the
    // requests in flight below are only finished after that, and still answered.
    await Promise.all([idle.closed, halfHeaders.closed]);
    expect(idle.received().length).toBe(seen);
    expect(halfHeaders.received()).toBe('');
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      socket.on('connect', () => resolve('connected'));
    });
    expect(refused).toBe('ECONNREFUSED');

    inFlight.socket.write(loginBody.slice(10));
    for (const connection of [busy, inFlight]) {
      const text = await answer(connection);
      expect(text).toMatch(/^HTTP\/1\.1 401 /);
      expect(text).toMatch(/\r\nconnection: close\r\n/i);
      expect(text).toContain('"code":"invalid_credentials"');
      await connection.closed;
    }

    await stalled.closed; // cut at the deadline, unanswered
    expect(stalled.received()).toBe('');
    expect(await running.exited).toBe(0);
    expect(running.output).toMatch(/SIGTERM: shutting down/);
    expect(running.output).toMatch(/2 idle at once, 3 requests in flight, 1 cut at the deadline/);
    expect(running.output).toMatch(/Database closed/);
    // SQLite removes the write-ahead log when its last connection closes cleanly.
    expect(existsSync(join(dir, 'switchboard.db-wal'))).toBe(false);
  }, 60_000);

  it('exits at once on a second signal', async () => {
    const port = await start({ SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS: '60' });
    const running = server as ServerProcess;
    const stalled = await open(port);
    stalled.socket.write(loginHead(loginBody) + loginBody.slice(0, 10));
    const probe = await open(port);
    probe.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await answer(probe);
    running.child.kill('SIGTERM');
    await probe.closed;
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(1);
    expect(running.output).toMatch(/SIGINT again: exiting now/);
  }, 60_000);

  it('answers 503 with Retry-After to a write while another process holds the SQLite lock, serving reads meanwhile (item 2)', async () => {
    const port = await start();
    const base = `http://127.0.0.1:${port}`;
    // Another process's write transaction on the file, for 8 s (longer than the 5 s busy timeout).
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(workerData.file);
       db.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 8000);
       db.exec('COMMIT');
       db.close();`,
      { eval: true, workerData: { file: join(dir, 'switchboard.db') } },
    );
    const holderExited = once(holder, 'exit');
    await once(holder, 'message');
    try {
      let settled = false;
      const write = fetch(`${base}/v1/operator/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          companyName: 'Acme',
          admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
        }),
      }).finally(() => {
        settled = true;
      });
      let reads = 0;
      while (!settled) {
        const [health, me] = await Promise.all([
          fetch(`${base}/healthz`),
          fetch(`${base}/v1/me`, { headers: { authorization: 'Bearer not-a-session' } }),
        ]);
        expect(health.status).toBe(200);
        expect(me.status).toBe(401); // a session lookup: a database read
        if (!settled) reads++;
      }
      expect(reads).toBeGreaterThan(2);
      const response = await write;
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'unavailable' });
    } finally {
      await holderExited;
    }
  }, 60_000);
});
