import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { createSwitchboard, postgres, silentLogger, sqlite } from '@switchboard/core';
import { createSwitchboardApp } from '@switchboard/server-hono';
import { build, type Plugin } from 'esbuild';
import { type BenchDialect, isPostgresUrl } from './bench-database.ts';
import {
  type BenchServer,
  benchDir,
  combine,
  connections,
  type Figures,
  freshDatabase,
  here,
  interleaved,
  type LoadOptions,
  load,
  median,
  nodeFlags,
  postgresAdminUrl,
  postgresAvailable,
  roundRatio,
  runSeconds,
  startServer,
} from './bench-harness.ts';
import { postgresRaw, type Raw, sqliteRaw } from './ceiling-app.ts';
import { seedAuditEvents } from './seed-audit-events.ts';
import { seedBenchDatabase } from './seed-bench-database.ts';
import { capture, type Planner, planner, type Statement } from './statement-capture.ts';

/**
 * `npm run bench:features`: the audit log (#14), SCIM (#13) and webhooks (#15) at scale,
 * through the real server, with the pieces of `npm run bench` (its seed, its servers in
 * processes of their own as plain JavaScript, autocannon, the ceiling, back-to-back pairs).
 * For SQLite and PostgreSQL, on a fresh database each:
 *
 * 1. the audit log: an account of 10,000 users and 1,000,000 audit events; `GET
 *    /v1/audit-events` (first page, `action=user.*`, `targetId=`, and the page after the
 *    newest 500,000) on Switchboard and on a ceiling running the same SQL on the raw
 *    driver; the statements each request sends and the query plan of each filter shape;
 * 2. the cost of sealing: `POST /v1/users` on two builds of the same core, bundled from
 *    source alike, one with `recordAudit` as it is (the chain's head taken and moved, the
 *    event sealed with HMAC-SHA-256) and one where it only inserts the event (no head, no
 *    seal), in back-to-back pairs; then `users.add` on both in this process, one at a time;
 * 3. SCIM: `GET /scim/v2/Users?filter=userName eq "…"` on the 10,000 users, Switchboard
 *    against a ceiling, and the statements and plans of one request;
 * 4. webhooks: a real receiver in its own process (verifying every signature); a backlog
 *    of 10,000 queued deliveries drained with no requests to the server (and one of 1,000), and
 *    `GET /v1/users/{id}` while the server drains against while it is idle, in pairs.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
/** The parts to run (all by default): `audit` (with SCIM), `seal`, `webhooks`. */
const parts = new Set((process.env.BENCH_PARTS ?? 'audit,seal,webhooks').split(','));
const auditEvents = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const backlog = Number(process.env.BENCH_WEBHOOK_BACKLOG ?? 10_000);
/** How long a drain may take before it is stopped (and reported as not drained). */
const drainLimitSeconds = Number(process.env.BENCH_DRAIN_SECONDS ?? 120);
const warmSeconds = 2;
const webhookEnv = {
  SWITCHBOARD_WEBHOOKS_ALLOW_HTTP: 'true',
  SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: 'true',
};

const out: string[] = [];
const print = (line = '') => out.push(line);
const progress = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? '–' : n.toFixed(digits)).padStart(8, ' ');
const range = (r: { low: number; high: number }) =>
  `${r.low.toFixed(2)}–${r.high.toFixed(2)}`.padStart(11);
const abbreviate = (sql: string, width = 150) =>
  sql.length > width ? `${sql.slice(0, width - 1)}…` : sql;

// ---------------------------------------------------------------------------------------
// The two builds of the core for the cost of sealing.

/**
 * The core bundled from its source by esbuild (its packages stay imports, as in its own
 * build). `unsealed`: `recordAudit` gets stand-ins for the chain's head (no statement: the
 * next number from a counter of the process's own, above 1,000,000,000 and so above every
 * real one) and for the seal (an empty string) — it then runs only the event's insert.
 * Everything else is the same code.
 */
async function bundleCoreFromSource(unsealed: boolean): Promise<string> {
  const source = join(here, '..', '..', 'core', 'src');
  const outfile = join(benchDir, unsealed ? 'core-unsealed.mjs' : 'core-sealed.mjs');
  const standIns: Plugin = {
    name: 'unsealed-audit',
    setup(b) {
      b.onResolve({ filter: /^\.\/audit-(chain-repository|seal)\.js$/ }, (args) => {
        if (!args.importer.endsWith(`${sep}audit${sep}audit-repository.ts`)) return undefined;
        const real = join(dirname(args.importer), args.path.replace(/\.js$/, '.ts'));
        return { path: real, namespace: 'unsealed' };
      });
      b.onLoad({ filter: /.*/, namespace: 'unsealed' }, (args) => ({
        loader: 'ts',
        resolveDir: dirname(args.path),
        contents: args.path.endsWith('audit-seal.ts')
          ? `export * from ${JSON.stringify(args.path)};\nexport function sealEvent(): string { return ''; }\n`
          : `export * from ${JSON.stringify(args.path)};\nlet next = 1_000_000_000 + (process.pid % 1000) * 1_000_000;\nexport async function claimChainPosition() { return { seq: next++, previousSeal: '', previousAt: '' }; }\nexport async function advanceChainHead(): Promise<void> {}\n`,
      }));
    },
  };
  await build({
    entryPoints: [join(source, 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outfile,
    plugins: unsealed ? [standIns] : [],
    logLevel: 'error',
  });
  return outfile;
}

const inProcessBlocks = 10;
const inProcessAdds = 100;

/**
 * `users.add` (what `POST /v1/users` runs) in this process on both builds of the core, one
 * at a time, in interleaved blocks: milliseconds a user on each, the medians of the blocks,
 * and the median of the blocks' ratios (sealed over unsealed) with their range.
 */
async function addUsersInProcess(databaseUrl: string, secretKeys: string, adminId: string) {
  type Core = typeof import('@switchboard/core');
  const open = async (file: string) => {
    const core = (await import(file)) as Core;
    const sb = core.createSwitchboard({
      database: isPostgresUrl(databaseUrl) ? core.postgres(databaseUrl) : core.sqlite(databaseUrl),
      logger: core.silentLogger,
      mailer: { send: async () => {} },
      secretKeys,
      mailRetryIntervalSeconds: 0,
    });
    await sb.migrate();
    return { sb, admin: await sb.identity.actorFor(adminId) };
  };
  const sides = { sealed: await open(cores.sealed), unsealed: await open(cores.unsealed) };
  const times = { sealed: [] as number[], unsealed: [] as number[] };
  try {
    for (let block = -1; block < inProcessBlocks; block++) {
      for (const side of block % 2 === 0
        ? (['sealed', 'unsealed'] as const)
        : (['unsealed', 'sealed'] as const)) {
        const { sb, admin } = sides[side];
        const started = performance.now();
        for (let i = 0; i < inProcessAdds; i++)
          await sb.users.add(admin, {
            firstName: 'In',
            lastName: 'Process',
            email: `in-process-${side}-${block}-${i}-${process.pid}@bench.test`,
          });
        const ms = (performance.now() - started) / inProcessAdds;
        await sb.mail.idle();
        if (block >= 0) times[side].push(ms); // block -1 warms both
      }
    }
  } finally {
    await sides.sealed.sb.close();
    await sides.unsealed.sb.close();
  }
  const ratios = times.sealed.map((ms, i) => ms / (times.unsealed[i] ?? ms));
  return {
    sealed: median(times.sealed),
    unsealed: median(times.unsealed),
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
  };
}

// ---------------------------------------------------------------------------------------
// Tables.

interface Row {
  dialect: BenchDialect;
  name: string;
  a: Figures;
  b: Figures;
  ratio: { ratio: number; low: number; high: number };
  extra: string;
}
const auditRows: Row[] = [];
const sealRows: Row[] = [];
const apiRows: Row[] = [];

function table(
  head: [string, string, string],
  rows: Row[],
  ratioName: string,
  extraName: string,
): void {
  const [name, a, b] = head;
  print(
    `| database | ${name.padEnd(40)} | ${a.padStart(8)} |      p50 |      p99 | ${b.padStart(8)} |      p50 |      p99 | ${ratioName.padStart(7)} |      rounds | ${extraName}`,
  );
  print(
    `| -------- | ${'-'.repeat(40)} | -------- | -------- | -------- | -------- | -------- | -------- | ------- | ----------- | ${'-'.repeat(extraName.length)}`,
  );
  for (const r of rows) {
    print(
      `| ${r.dialect.padEnd(8)} | ${r.name.padEnd(40)} | ${fmt(r.a.rps)} | ${fmt(r.a.p50, 1)} | ${fmt(r.a.p99, 1)} | ${fmt(r.b.rps)} | ${fmt(r.b.p50, 1)} | ${fmt(r.b.p99, 1)} | ${r.ratio.ratio.toFixed(2).padStart(7)} | ${range(r.ratio)} | ${r.extra}`,
    );
  }
}

const notes: string[] = [];
const goals: string[] = [];
const sealNotes: string[] = [];

/** Warms both servers, then runs the workload on both in back-to-back pairs. */
async function compare(
  servers: { a: BenchServer; b: BenchServer },
  token: { a: string | null; b: string | null },
  options: () => LoadOptions,
  warm = true,
): Promise<{ a: Figures[]; b: Figures[] }> {
  if (warm) {
    await load(servers.a, token.a, options(), connections, warmSeconds);
    await load(servers.b, token.b, options(), connections, warmSeconds);
  }
  return interleaved(rounds, {
    a: () => load(servers.a, token.a, options()),
    b: () => load(servers.b, token.b, options()),
  });
}

// ---------------------------------------------------------------------------------------
// Webhooks: the receiver, the queue.

interface ReceiverStats {
  received: number;
  unique: number;
  bad: number;
  firstAt: number | null;
  lastAt: number | null;
  perSecond: number[];
}

async function startReceiver() {
  const child = spawn(process.execPath, [join(benchDir, 'webhook-receiver.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      const ready = /READY (\d+)/.exec(data.toString());
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/hook`,
    setSecret: (secret: string) => fetch(`${base}/control/secret`, { method: 'PUT', body: secret }),
    reset: () => fetch(`${base}/control/reset`, { method: 'POST' }),
    stats: async () => (await (await fetch(`${base}/control/stats`)).json()) as ReceiverStats,
    stop: () => child.kill('SIGTERM'),
  };
}

/** A `user.updated` event as Switchboard queues one: ~0.5 kB of JSON. */
function eventPayload(id: string, accountId: string, actorId: string, at: string): string {
  return JSON.stringify({
    id,
    type: 'user.updated',
    createdAt: at,
    accountId,
    data: {
      object: {
        id: 'usr_bench00000000000000004242',
        firstName: 'First71',
        lastName: 'Last03542',
        email: 'user4242@bench.test',
        isAdmin: false,
        permissions: { canCreate: true, canShare: false },
        twoFactorEnabled: false,
        status: 'active',
        createdAt: at,
        updatedAt: at,
        version: 2,
      },
      changedFields: ['lastName'],
      actor: { type: 'user', id: actorId },
    },
  });
}

const parkedAt = '9999-01-01T00:00:00.000Z';
let queued = 0;

/**
 * Queues `count` deliveries to the endpoint, due at once, in bulk (as the seed inserts
 * users): what a burst of `count` changes leaves when the receiver was away.
 */
async function queueDeliveries(
  raw: Raw,
  endpointId: string,
  accountId: string,
  actorId: string,
  count: number,
): Promise<void> {
  const at = new Date().toISOString();
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < size; i++) {
      const n = queued++;
      const eventId = `evt_hook${String(n).padStart(20, '0')}`;
      const row = [
        `whd_bench${String(n).padStart(19, '0')}`,
        endpointId,
        accountId,
        eventId,
        'user.updated',
        eventPayload(eventId, accountId, actorId, at),
        'pending',
        0,
        12,
        at,
        at,
        at,
      ];
      tuples.push(`(${row.map((_, k) => `$${values.length + k + 1}`).join(', ')})`);
      values.push(...row);
    }
    await raw.run(
      `insert into "webhook_deliveries" ("id", "endpoint_id", "account_id", "event_id", "event_type", "payload", "status", "attempts", "max_attempts", "next_attempt_at", "created_at", "updated_at") values ${tuples.join(', ')}`,
      values,
    );
  }
}

/** Makes every queued delivery no worker holds not due (the drain stops within a round). */
const park = (raw: Raw) =>
  raw.run(
    'update "webhook_deliveries" set "next_attempt_at" = $1 where "status" = $2 and "lease" is null',
    [parkedAt, 'pending'],
  );
/** Makes the parked deliveries due again. */
const unpark = (raw: Raw) =>
  raw.run('update "webhook_deliveries" set "next_attempt_at" = $1 where "next_attempt_at" = $2', [
    new Date().toISOString(),
    parkedAt,
  ]);
/**
 * On SQLite, writes the bench's own bulk updates (queue, park, unpark: thousands of rows)
 * from the WAL into the database, so that the server's next commit does not checkpoint them
 * in the middle of a measured run (a stall of the bench's making, on either side).
 */
const checkpoint = async (raw: Raw, dialect: BenchDialect) => {
  if (dialect === 'sqlite') await raw.all('PRAGMA wal_checkpoint(TRUNCATE)', []);
};
const pendingCount = async (raw: Raw) =>
  Number(
    (
      await raw.all('select count(*) as "n" from "webhook_deliveries" where "status" = $1', [
        'pending',
      ])
    )[0]?.n,
  );

/** Deliveries a second over a drain: every second, or every nth of a long drain (and the last). */
function timeline(perSecond: number[]): string {
  const step = Math.max(1, Math.ceil(perSecond.length / 15));
  const picked = perSecond.filter((_, i) => i % step === 0 || i === perSecond.length - 1);
  return `${picked.join(' ')}${step > 1 ? ` (every ${step}th second, and the last, partial)` : ' (the last partial)'}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------

const started = performance.now();
const dialects: BenchDialect[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
if (process.env.BENCH_DIALECTS)
  dialects.splice(0, dialects.length, ...(process.env.BENCH_DIALECTS.split(',') as BenchDialect[]));
if (!dialects.includes('postgres'))
  notes.push(`PostgreSQL not measured (nothing answers at ${postgresAdminUrl}, or BENCH_DIALECTS)`);
progress('bundling the core from source, sealed and unsealed…');
const cores = {
  sealed: await bundleCoreFromSource(false),
  unsealed: await bundleCoreFromSource(true),
};
const override = ['--import', join(benchDir, 'core-override.mjs')];

const auditShapes = [
  { name: 'first page', query: 'limit=50', measured: true },
  { name: 'action=user.*', query: 'limit=50&action=user.*', measured: true },
  { name: 'targetId=', query: 'limit=50&targetId=usr_target42', measured: true },
  {
    name: `after ${Math.floor(auditEvents / 2).toLocaleString('en')} (cursor)`,
    query: 'limit=50&cursor=DEEP',
    measured: true,
  },
  { name: 'action=user.updated', query: 'limit=50&action=user.updated', measured: false },
  { name: 'actorId=', query: 'limit=50&actorId=usr_actor7', measured: false },
  {
    name: 'since + until',
    query: 'limit=50&since=SINCE&until=UNTIL',
    measured: false,
  },
  { name: 'action=user.* + since', query: 'limit=50&action=user.*&since=SINCE', measured: false },
];

for (const dialect of dialects) {
  const database = await freshDatabase(dialect);
  const postgresDb = isPostgresUrl(database.url);
  const servers: BenchServer[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let plans: Planner | undefined;
  const raw = postgresDb ? postgresRaw(database.url) : sqliteRaw(database.url);
  try {
    progress(
      `${dialect}: seeding 10,000 users and ${auditEvents.toLocaleString('en')} audit events…`,
    );
    const seedStarted = performance.now();
    const seeded = await seedBenchDatabase(database.url);
    const audit = await seedAuditEvents(database.url, seeded.accountId, auditEvents);
    print(
      `${dialect}: seeded 10,000 users in ${((performance.now() - seedStarted) / 1000 - audit.seconds).toFixed(1)} s, ${auditEvents.toLocaleString('en')} audit events in one account in ${audit.seconds.toFixed(1)} s`,
    );
    // Times for the time-range shapes: a day in the middle of the seeded events.
    const middle = JSON.parse(Buffer.from(audit.deepCursor, 'base64url').toString())[0] as string;
    const since = new Date(Date.parse(middle) - 86_400_000).toISOString();
    const until = middle;
    const queryOf = (q: string) =>
      q
        .replace('DEEP', audit.deepCursor)
        .replace('SINCE', encodeURIComponent(since))
        .replace('UNTIL', encodeURIComponent(until));

    // In this process: the statements one request sends, and their plans.
    const sb = createSwitchboard({
      database: postgresDb ? postgres(database.url) : sqlite(database.url),
      logger: silentLogger,
      mailer: { send: async () => {} },
      secretKeys: seeded.secretKeys,
      mailRetryIntervalSeconds: 0,
      webhooks: { allowHttp: true, allowPrivateAddresses: true },
    });
    await sb.migrate();
    const app = createSwitchboardApp(sb, { logger: silentLogger });
    const admin = await sb.identity.actorFor(seeded.adminId);
    const { token: scimToken } = await sb.scimTokens.create(admin, { description: 'bench' });
    plans = await planner(database.url);
    const session = { authorization: `Bearer ${seeded.sessionToken}` };
    const statementsOf = async (path: string, headers: Record<string, string>, times = 10) => {
      const first = await app.request(path, { headers }); // warm: caches, the token's touch
      if (first.status !== 200) throw new Error(`${path}: ${first.status} ${await first.text()}`);
      const { statements } = await capture(async () => {
        for (let i = 0; i < times; i++) await app.request(path, { headers });
      });
      return {
        perRequest: statements.length / times,
        statements: statements.slice(0, statements.length / times),
      };
    };
    const planLines = async (statement: Statement | undefined) =>
      statement ? ((await plans?.plan(statement.sql, statement.params)) ?? []) : ['(no statement)'];

    print();
    print(
      `${dialect}: audit log — statements per request and query plans (${postgresDb ? 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)' : 'EXPLAIN QUERY PLAN'})`,
    );
    const statementsPerShape = new Map<string, number>();
    for (const shape of auditShapes) {
      const { perRequest, statements } = await statementsOf(
        `/v1/audit-events?${queryOf(shape.query)}`,
        session,
      );
      statementsPerShape.set(shape.name, perRequest);
      const list = statements.find((s) => /from "audit_events"/.test(s.sql));
      print(`  ${shape.name}: ${perRequest} statements a request (the session's lookup, the page)`);
      print(`    ${abbreviate(list?.sql ?? '')}`);
      for (const line of await planLines(list)) print(`      ${line}`);
    }

    print();
    print(
      `${dialect}: SCIM GET /scim/v2/Users?filter=userName eq "user4242@bench.test" — statements and plans`,
    );
    const scimPath = `/scim/v2/Users?filter=${encodeURIComponent('userName eq "USER4242@bench.test"')}`;
    const scimHeaders = { authorization: `Bearer ${scimToken}` };
    const scim = await statementsOf(scimPath, scimHeaders);
    print(`  ${scim.perRequest} statements a request:`);
    for (const statement of scim.statements) {
      print(`    ${abbreviate(statement.sql)}`);
      for (const line of await planLines(statement)) print(`      ${line}`);
    }

    // Through the real server, against the ceiling.
    progress(`${dialect}: audit log and SCIM through the server…`);
    const switchboard = await startServer('switchboard', database.url, seeded.secretKeys, {
      env: webhookEnv,
    });
    servers.push(switchboard);
    const ceiling = await startServer('feature-ceiling', database.url, seeded.secretKeys);
    servers.push(ceiling);
    if (parts.has('audit')) {
      // Both answer the same events for each shape (the ceiling runs the same SQL).
      for (const shape of auditShapes.filter((s) => s.measured)) {
        const ids = await Promise.all(
          [switchboard, ceiling].map(async (server) => {
            const response = await fetch(
              `http://127.0.0.1:${server.port}/v1/audit-events?${queryOf(shape.query)}`,
              { headers: session },
            );
            const body = (await response.json()) as { data: { id: string }[]; nextCursor: string };
            return `${body.data.map((e) => e.id).join()} ${body.nextCursor}`;
          }),
        );
        if (ids[0] !== ids[1] || !ids[0]?.startsWith('evt_'))
          throw new Error(`${shape.name}: the ceiling and Switchboard answer different pages`);
      }
      for (const shape of auditShapes.filter((s) => s.measured)) {
        progress(`${dialect}: GET /v1/audit-events ${shape.name}, ${rounds} rounds`);
        const runs = await compare(
          { a: ceiling, b: switchboard },
          { a: seeded.sessionToken, b: seeded.sessionToken },
          () => ({ path: `/v1/audit-events?${queryOf(shape.query)}` }),
        );
        auditRows.push({
          dialect,
          name: `audit-events ${shape.name}`,
          a: combine(runs.a),
          b: combine(runs.b),
          ratio: roundRatio(runs.b, runs.a, (f) => f.rps),
          extra: String(statementsPerShape.get(shape.name)),
        });
      }
      progress(`${dialect}: SCIM userName filter, ${rounds} rounds`);
      const scimRuns = await compare(
        { a: ceiling, b: switchboard },
        { a: scimToken, b: scimToken },
        () => ({ path: scimPath }),
      );
      auditRows.push({
        dialect,
        name: 'scim Users?filter=userName eq "…"',
        a: combine(scimRuns.a),
        b: combine(scimRuns.b),
        ratio: roundRatio(scimRuns.b, scimRuns.a, (f) => f.rps),
        extra: String(scim.perRequest),
      });
      await ceiling.stop();
      servers.splice(servers.indexOf(ceiling), 1);
    }

    if (parts.has('seal')) {
      // The cost of sealing, on the write path.
      progress(`${dialect}: POST /v1/users sealed and unsealed, ${rounds} rounds`);
      const sealed = await startServer('switchboard', database.url, seeded.secretKeys, {
        nodeArgs: override,
        env: { SWITCHBOARD_BENCH_CORE: cores.sealed },
      });
      servers.push(sealed);
      const unsealed = await startServer('switchboard', database.url, seeded.secretKeys, {
        nodeArgs: override,
        env: { SWITCHBOARD_BENCH_CORE: cores.unsealed },
      });
      servers.push(unsealed);
      const headBefore = await raw.all(
        'select "last_seq" from "audit_chains" where "account_id" = $1',
        [seeded.accountId],
      );
      const addUser = () => ({
        method: 'POST' as const,
        path: '/v1/users',
        body: JSON.stringify({
          firstName: 'New',
          lastName: 'User',
          email: 'new-[<id>]@bench.test',
        }),
        idReplacement: true,
      });
      const sealRuns = await compare(
        { a: unsealed, b: sealed },
        { a: seeded.sessionToken, b: seeded.sessionToken },
        addUser,
      );
      const headAfter = await raw.all(
        'select "last_seq" from "audit_chains" where "account_id" = $1',
        [seeded.accountId],
      );
      const [unsealedEvents] = await raw.all(
        'select count(*) as "n" from "audit_events" where "account_id" = $1 and "seq" >= $2',
        [seeded.accountId, 1_000_000_000],
      );
      sealRows.push({
        dialect,
        name: 'POST /v1/users',
        a: combine(sealRuns.a),
        b: combine(sealRuns.b),
        ratio: roundRatio(sealRuns.b, sealRuns.a, (f) => f.rps),
        extra: `${Number(headAfter[0]?.last_seq) - Number(headBefore[0]?.last_seq)} sealed / ${Number(unsealedEvents?.n)} unsealed events`,
      });
      await sealed.stop();
      await unsealed.stop();
      servers.splice(servers.indexOf(sealed), 2);
      // The same in this process, one user at a time: no HTTP, no concurrency.
      progress(`${dialect}: users.add sealed and unsealed in process`);
      const perAdd = await addUsersInProcess(database.url, seeded.secretKeys, seeded.adminId);
      sealNotes.push(
        `${dialect}: in process, one users.add at a time (${inProcessBlocks} blocks of ${inProcessAdds} a side, interleaved): sealed ${perAdd.sealed.toFixed(3)} ms, unsealed ${perAdd.unsealed.toFixed(3)} ms a user (medians of the blocks), ${((perAdd.sealed - perAdd.unsealed) * 1000).toFixed(0)} µs more a change; sealed/unsealed by block: median ${perAdd.ratio.toFixed(2)} (${perAdd.low.toFixed(2)}–${perAdd.high.toFixed(2)})`,
      );
    }

    if (parts.has('webhooks')) {
      // Webhooks.
      progress(`${dialect}: webhooks…`);
      receiver = await startReceiver();
      const endpoint = await sb.webhooks.create(admin, {
        url: receiver.url,
        eventTypes: ['user.*'],
      });
      await receiver.setSecret(endpoint.secret);
      // One delivery in this process: the statements the worker sends for it.
      const one = await capture(async () => {
        await sb.webhooks.sendTest(admin, endpoint.id);
        await sb.webhooks.idle();
      });
      await sb.close();
      // The worker's claim: the read of the due index (findDueDeliveries) that starts a round.
      const claimAt = one.statements.findIndex((s) =>
        /^select "id", "endpoint_id" from "webhook_deliveries" where "status"/.test(s.sql),
      );
      const worker = one.statements.slice(claimAt);
      const claim = worker[0];
      const withNow = (s: Statement): Statement => ({
        sql: s.sql,
        params: s.params.map((p) =>
          typeof p === 'string' && /^\d{4}-\d\d-\d\dT/.test(p) ? new Date().toISOString() : p,
        ),
      });
      print();
      print(
        `${dialect}: webhooks — the statements the worker sends for one delivery (${worker.length}):`,
      );
      for (const statement of worker) print(`    ${abbreviate(statement.sql, 140)}`);

      const kick = async () => {
        const response = await fetch(
          `http://127.0.0.1:${switchboard.port}/v1/webhook-endpoints/${endpoint.id}/test`,
          { method: 'POST', headers: session },
        );
        if (response.status !== 202) throw new Error(`test delivery: ${response.status}`);
      };
      /** Queues `count`, kicks the worker, waits until the receiver has them all. */
      const drain = async (count: number) => {
        await receiver?.reset();
        await queueDeliveries(raw, endpoint.id, seeded.accountId, seeded.adminId, count);
        const claimMs = claim
          ? await plans?.time(withNow(claim).sql, withNow(claim).params, 9)
          : Number.NaN;
        const claimPlan = claim ? await planLines(withNow(claim)) : [];
        const lease = worker[1];
        const leasePlan = lease ? await planLines(withNow(lease)) : [];
        // For comparison: a read of the same index that stops after 20 due deliveries.
        const boundedMs = await plans?.time(
          'select "id", "endpoint_id" from "webhook_deliveries" where "status" = $1 and "next_attempt_at" <= $2 order by "next_attempt_at" limit $3',
          ['pending', new Date().toISOString(), 20],
          9,
        );
        const cpuBefore = switchboard.cpuMicros();
        const kicked = Date.now();
        await kick();
        let stats = await receiver?.stats();
        while (
          (stats?.received ?? 0) < count + 1 &&
          Date.now() - kicked < drainLimitSeconds * 1000
        ) {
          await sleep(100);
          stats = await receiver?.stats();
        }
        const drained = (stats?.received ?? 0) >= count + 1;
        // Out of time: what is left stays queued, not due (the read workload below tops it up).
        if (!drained) await park(raw);
        const seconds = ((drained ? stats?.lastAt : undefined) ?? Date.now()) - kicked;
        await sleep(300); // the last attempts' results
        const delivered = Math.min(count, stats?.received ?? 0);
        return {
          drained,
          delivered,
          seconds: seconds / 1000,
          rate: delivered / (seconds / 1000),
          stats,
          claimMs,
          claimPlan,
          leasePlan,
          boundedMs,
          cpuMsPerDelivery: (switchboard.cpuMicros() - cpuBefore) / 1000 / Math.max(delivered, 1),
          pending: await pendingCount(raw),
        };
      };
      progress(`${dialect}: draining ${backlog.toLocaleString('en')} queued deliveries`);
      const big = await drain(backlog);
      progress(`${dialect}: draining 1,000 queued deliveries`);
      const small = await drain(1_000);
      goals.push(
        `${dialect}: deliveries a second (goal ≥ 500 on SQLite): ${big.rate.toFixed(0)}/s over a ${backlog.toLocaleString('en')} backlog${big.drained ? '' : ' (not drained)'}, ${small.rate.toFixed(0)}/s over 1,000${dialect === 'sqlite' ? ` — ${big.rate >= 500 ? 'met' : 'NOT met'} at ${backlog.toLocaleString('en')}, ${small.rate >= 500 ? 'met' : 'not met'} at 1,000` : ''}`,
      );
      const statusCounts = await raw.all(
        'select "status", count(*) as "n", sum("attempts") as "attempts" from "webhook_deliveries" group by "status" order by "status"',
        [],
      );
      const rateOf = (perSecond: number[] | undefined, from: 'first' | 'last') => {
        const whole = (perSecond ?? []).slice(0, -1); // the last second is partial
        const pick = from === 'first' ? whole.slice(0, 2) : whole.slice(-2);
        return pick.length ? pick.reduce((a, b) => a + b, 0) / pick.length : Number.NaN;
      };
      print();
      print(
        `${dialect}: webhooks — drains to a receiver on loopback (each signature verified), nothing else loading the server`,
      );
      for (const [count, d] of [
        [backlog, big],
        [1_000, small],
      ] as const) {
        print(
          `  ${count.toLocaleString('en').padStart(6)} queued: ${d.drained ? `drained in ${d.seconds.toFixed(1)} s` : `NOT drained: ${d.delivered.toLocaleString('en')} delivered in ${d.seconds.toFixed(0)} s (the limit, BENCH_DRAIN_SECONDS)`} = ${d.rate.toFixed(0)} deliveries/s (first 2 s: ${rateOf(d.stats?.perSecond, 'first').toFixed(0)}/s, last 2 s: ${rateOf(d.stats?.perSecond, 'last').toFixed(0)}/s); server CPU ${d.cpuMsPerDelivery.toFixed(2)} ms a delivery; received ${d.stats?.received}, ${(d.stats?.received ?? 0) - (d.stats?.unique ?? 0)} repeated, ${d.stats?.bad} bad signatures; ${d.pending} left queued`,
        );
        print(`    deliveries a second, second by second: ${timeline(d.stats?.perSecond ?? [])}`);
        print(
          `    the worker's claim query (findDueDeliveries) with ${count.toLocaleString('en')} due: ${d.claimMs?.toFixed(2)} ms; a read of the same index stopping after 20 rows: ${d.boundedMs?.toFixed(2)} ms`,
        );
      }
      print(
        `  deliveries by status: ${statusCounts.map((r) => `${r.status} ${r.n} (${r.attempts} attempts)`).join(', ')}`,
      );
      print(`  plan of the claim query with ${backlog.toLocaleString('en')} due:`);
      for (const line of big.claimPlan) print(`      ${line}`);
      print(
        `  plan of the lease statement that follows it, with ${backlog.toLocaleString('en')} due:`,
      );
      for (const line of big.leasePlan) print(`      ${line}`);

      // GET /v1/users/{id} while the server drains against while it is idle.
      progress(`${dialect}: GET /v1/users/{id}, idle and draining, ${rounds} rounds`);
      const read = { path: `/v1/users/${seeded.userId}` };
      await load(switchboard, seeded.sessionToken, read, connections, warmSeconds);
      await queueDeliveries(raw, endpoint.id, seeded.accountId, seeded.adminId, backlog);
      await park(raw);
      const loadedRates: number[] = [];
      const exhausted: number[] = [];
      const api = await interleaved(rounds, {
        idle: () => load(switchboard, seeded.sessionToken, read),
        draining: async () => {
          const pending = await pendingCount(raw);
          if (pending < backlog)
            await queueDeliveries(
              raw,
              endpoint.id,
              seeded.accountId,
              seeded.adminId,
              backlog - pending,
            );
          await unpark(raw);
          await checkpoint(raw, dialect);
          await kick();
          await sleep(200);
          const before = (await receiver?.stats())?.received ?? 0;
          const from = Date.now();
          const figures = await load(switchboard, seeded.sessionToken, read);
          const after = (await receiver?.stats())?.received ?? 0;
          loadedRates.push((after - before) / ((Date.now() - from) / 1000));
          await park(raw);
          await sleep(300); // the deliveries in flight finish
          await checkpoint(raw, dialect);
          if ((await pendingCount(raw)) === 0) exhausted.push(1);
          return figures;
        },
      });
      apiRows.push({
        dialect,
        name: 'GET /v1/users/{id}',
        a: combine(api.idle),
        b: combine(api.draining),
        // A p99 under autocannon's 1 ms resolution counts as 1 ms (the ratio is then a floor).
        ratio: roundRatio(api.draining, api.idle, (f) => Math.max(f.p99, 1)),
        extra: `${median(loadedRates).toFixed(0)} deliveries/s${exhausted.length ? ` (the backlog ran out in ${exhausted.length} rounds)` : ''}; idle/draining req/s ${roundRatio(api.idle, api.draining, (f) => f.rps).ratio.toFixed(2)}`,
      });
    }
    for (const [name, runs] of [
      ['audit', auditRows],
      ['seal', sealRows],
      ['api', apiRows],
    ] as const) {
      for (const row of runs.filter((r) => r.dialect === dialect))
        if (row.a.errors + row.b.errors > 0)
          notes.push(
            `${dialect} ${name} ${row.name}: ${row.a.errors} / ${row.b.errors} error responses`,
          );
    }
  } finally {
    receiver?.stop();
    await sleep(500); // requests the last run left in flight
    for (const server of servers) await server.stop();
    await plans?.close();
    await raw.close();
    await database.drop();
  }
}

console.log(
  `\nSwitchboard feature benchmark — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `autocannon: ${connections} connections; per workload ${rounds} rounds of ${runSeconds} s on each side, back to back (the order turned every other round), after ${warmSeconds} s of warm-up each; req/s, latencies (ms) and ratios are medians of the rounds; server flags: ${nodeFlags.join(' ') || 'Node defaults'}\n`,
);
console.log(out.join('\n'));
console.log(
  '\nAudit log (1) and SCIM (3): Switchboard against the ceiling (the same SQL on the raw driver)\n',
);
out.length = 0;
table(['workload', 'ceil r/s', 'sb r/s'], auditRows, 'sb/ceil', 'statements a request');
print();
print(
  'The cost of sealing (2): POST /v1/users on the core with the audit chain (head taken and moved, HMAC-SHA-256 seal) and on the same core inserting the event alone\n',
);
table(['workload', 'unsealed', 'sealed'], sealRows, 'sld/uns', 'events written');
for (const note of sealNotes) print(note);
print();
print(
  'Webhooks (4): GET /v1/users/{id} while the server is idle and while it drains a backlog to the receiver\n',
);
table(['workload', 'idle r/s', 'drain r/s'], apiRows, 'p99 d/i', 'deliveries/s under this load');
print();
print(
  "ratio columns: medians of the rounds' ratios (rounds: the lowest and highest); sb/ceil and sld/uns compare req/s, p99 d/i compares p99 (a p99 under 1 ms counted as 1 ms)",
);
for (const row of apiRows)
  goals.push(
    `${row.dialect}: GET /v1/users/{id} p99 while draining (goal within 20 % of idle): ${row.ratio.ratio.toFixed(2)}× — ${row.ratio.ratio <= 1.2 ? 'met' : 'NOT met'}`,
  );
print();
print('Goals (#15):');
for (const goal of goals) print(`  ${goal}`);
for (const note of notes) print(`Note: ${note}`);
print(`Total time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(out.join('\n'));
