import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSwitchboard,
  newKeyRingEntry,
  operatorActor,
  postgres,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { sql } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from './bench-database.ts';

/**
 * `node bench/audit-export-memory.ts [events]` (after a build): proves that an export of the
 * audit log streams in constant memory (issue 14, item 3). For each database it seeds an
 * account with `events` audit events (default 100,000), starts the real server in its own
 * process (with the heap flags `npm run bench` uses), downloads
 * `GET /v1/audit-events/export` as NDJSON and as CSV — once as fast as it can, once reading
 * slowly, so backpressure has to hold the server back — samples the server's RSS every
 * 10 ms, and fails when it grows more than 30 MB over its RSS before the export.
 */
const events = Number(process.argv[2] ?? 100_000);
const limitMb = 30;
const here = new URL('.', import.meta.url).pathname;
const postgresAdminUrl =
  process.env.SWITCHBOARD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const actions = ['user.signed_in', 'user.updated', 'phone_number.updated', 'account.updated'];

/** An account with `count` events (inserted in bulk) and its admin signed in. */
async function seed(databaseUrl: string, secretKeys: string, count: number) {
  const sb = createSwitchboard({
    database: isPostgresUrl(databaseUrl) ? postgres(databaseUrl) : sqlite(databaseUrl),
    logger: silentLogger,
    mailer: { send: async () => {} },
    secretKeys,
  });
  await sb.migrate();
  const created = await sb.operator.createAccount(operatorActor(), {
    companyName: 'Export',
    admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@export.test' },
  });
  const { token } = await sb.identity.activate({
    token: new URL(created.activationLink).searchParams.get('token') ?? '',
    password: 'correct horse battery staple',
  });
  const accountId = created.account.id;
  const head = await sb.db
    .selectFrom('audit_chains')
    .select('last_seq')
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  const first = Number(head.last_seq);
  const rows = 2000; // 15 values a row, under SQLite's 32,766 variables a statement
  for (let start = 0; start < count; start += rows) {
    await sb.db
      .insertInto('audit_events')
      .values(
        Array.from({ length: Math.min(rows, count - start) }, (_, i) => {
          const n = start + i + 1;
          const action = actions[n % actions.length] ?? 'user.updated';
          return {
            id: `evt_bench${String(n).padStart(12, '0')}`,
            account_id: accountId,
            actor_type: 'user' as const,
            actor_id: `usr_bench${n % 50}`,
            action,
            area: action.slice(0, action.indexOf('.')),
            target_type: 'user',
            target_id: `usr_target${n % 5000}`,
            changed_fields: '["firstName","lastName"]',
            request_id: `req-${n}`,
            client_address: '203.0.113.7',
            created_at: new Date(Date.UTC(2027, 0, 1) + n * 1000).toISOString(),
            seq: first + n,
            key_id: null,
            seal: 'bench',
          };
        }),
      )
      .execute();
  }
  await sb.db
    .updateTable('audit_chains')
    .set({ last_seq: first + count })
    .where('account_id', '=', accountId)
    .execute();
  await sql`analyze`.execute(sb.db);
  await sb.close();
  return token;
}

/**
 * V8 heap flags of the server, as `npm run bench` and our hosting guide use them: with
 * Node's defaults V8 sizes its heap from the machine's memory and lets garbage pile up
 * before collecting it, which shows as RSS growth that is not retention.
 * `BENCH_NODE_FLAGS=` (empty) measures with Node's defaults.
 */
const nodeFlags = (
  process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=8 --max-old-space-size=128'
)
  .split(' ')
  .filter(Boolean);

/** The server of bench-server.ts in its own process. */
async function startServer(databaseUrl: string, secretKeys: string) {
  const script = join(here, 'bench-server.ts');
  const child = spawn(process.execPath, [...nodeFlags, script, 'switchboard', databaseUrl], {
    env: { ...process.env, SWITCHBOARD_SECRET_KEYS: secretKeys },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      const ready = /READY (\d+)/.exec(data.toString());
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  const rssMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  };
  return { port, rssMb, stop: () => child.kill('SIGTERM') };
}

/** Downloads an export, reading slowly when asked; answers its size, lines and time. */
async function download(url: string, token: string, slow: boolean) {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  let lines = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.length;
    for (const byte of next.value) if (byte === 10) lines++;
    if (slow) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { bytes, lines, seconds: (performance.now() - started) / 1000 };
}

async function measure(name: string, databaseUrl: string): Promise<boolean> {
  const secretKeys = newKeyRingEntry('bench');
  const token = await seed(databaseUrl, secretKeys, events);
  const server = await startServer(databaseUrl, secretKeys);
  const base = `http://127.0.0.1:${server.port}/v1/audit-events/export`;
  let ok = true;
  try {
    // Warm up: the code paths of both formats, on an empty range.
    for (const format of ['ndjson', 'csv'])
      await download(`${base}?format=${format}&since=2100-01-01T00:00:00Z`, token, false);
    for (const [format, slow] of [
      ['ndjson', false],
      ['csv', false],
      ['ndjson', true],
    ] as const) {
      const before = server.rssMb();
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, server.rssMb());
      }, 10);
      const result = await download(`${base}?format=${format}`, token, slow);
      clearInterval(sampler);
      const growth = peak - before;
      ok &&= growth < limitMb;
      console.log(
        `${name.padEnd(10)} ${format.padEnd(6)} ${slow ? 'slow' : 'fast'}  ${result.lines} lines, ` +
          `${(result.bytes / 2 ** 20).toFixed(1)} MB in ${result.seconds.toFixed(1)} s; ` +
          `server RSS ${before.toFixed(1)} → peak ${peak.toFixed(1)} MB ` +
          `(+${growth.toFixed(1)} MB, limit ${limitMb}) ${growth < limitMb ? 'ok' : 'TOO MUCH'}`,
      );
    }
  } finally {
    server.stop();
  }
  return ok;
}

let ok = true;
const dir = mkdtempSync(join(tmpdir(), 'switchboard-export-'));
try {
  ok &&= await measure('sqlite', join(dir, 'export.db'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const admin = new pg.Client({ connectionString: postgresAdminUrl });
const reachable = await admin.connect().then(
  () => true,
  () => false,
);
if (reachable) {
  const name = `switchboard_export_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  try {
    ok &&= await measure('postgres', url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log(`postgres: skipped, no server at ${postgresAdminUrl}`);
}
process.exit(ok ? 0 : 1);
