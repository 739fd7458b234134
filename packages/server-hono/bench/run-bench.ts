import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { BenchDialect } from './bench-database.ts';
import { type Seeded, seedBenchDatabase } from './seed-bench-database.ts';

/**
 * `npm run bench`: seeds a fresh database per dialect, starts the ceiling (bare Hono, raw
 * driver, same SQL) and Switchboard's real routes side by side, loads each workload on
 * both with autocannon on loopback in two rounds (ceiling then Switchboard, then the other
 * way round, so load from elsewhere on the machine falls on both alike), and prints req/s,
 * p50, p99 and the switchboard/ceiling ratio.
 */
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = 2;
const connections = 10;
/**
 * V8 heap flags of both servers: young generation capped at 8 MiB per semi-space and the
 * old generation at 128 MiB, as we recommend for the reference server; by default V8 sizes
 * both from the machine's memory (24 GiB here) and lets garbage pile up to ~300 MB of RSS.
 * `BENCH_NODE_FLAGS=` (empty) measures with Node's defaults.
 */
const nodeFlags = (
  process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=8 --max-old-space-size=128'
)
  .split(' ')
  .filter(Boolean);
const here = new URL('.', import.meta.url).pathname;
const postgresAdminUrl =
  process.env.SWITCHBOARD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `path` goes into the URL (autocannon has no top-level path option). */
type LoadOptions = Partial<autocannon.Options> & { path?: string };

interface Workload {
  name: string;
  write: boolean;
  options(seeded: Seeded): LoadOptions;
}

const workloads: Workload[] = [
  {
    name: 'GET /v1/users?limit=50 (first page)',
    write: false,
    options: () => ({ path: '/v1/users?limit=50' }),
  },
  {
    name: 'GET /v1/users?limit=50 (after 5,000)',
    write: false,
    options: (s) => ({ path: `/v1/users?limit=50&cursor=${s.deepCursor}` }),
  },
  { name: 'GET /v1/users/{id}', write: false, options: (s) => ({ path: `/v1/users/${s.userId}` }) },
  { name: 'GET /v1/integrations', write: false, options: () => ({ path: '/v1/integrations' }) },
  {
    name: 'POST /v1/users',
    write: true,
    options: () => ({
      method: 'POST',
      path: '/v1/users',
      body: JSON.stringify({ firstName: 'New', lastName: 'User', email: 'new-[<id>]@bench.test' }),
      idReplacement: true,
    }),
  },
  {
    name: 'PATCH /v1/phone-numbers/{id} (owner)',
    write: true,
    // Request k goes to number k mod 200 and gives it the other owner than its last pass
    // did (the seed's owner is owners[0]), so every request is a real change of owner.
    options: (s) => {
      let turn = 0;
      return {
        requests: [
          {
            method: 'PATCH',
            setupRequest: (request) => {
              const k = turn++;
              const count = s.phoneNumberIds.length;
              return {
                ...request,
                path: `/v1/phone-numbers/${s.phoneNumberIds[k % count]}`,
                body: JSON.stringify({ ownerId: s.owners[(Math.floor(k / count) + 1) % 2] }),
              };
            },
          },
        ],
      };
    },
  },
];

async function load(
  port: number,
  token: string | null,
  { path, ...options }: LoadOptions,
  conns = connections,
  duration = durationSeconds,
): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path ?? ''}`,
    connections: conns,
    duration,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...options,
  });
  return {
    // Completed requests over the run's measured length (runs may be a fraction of a second
    // long, which the per-second average of autocannon does not weigh right).
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Figures of several runs of one workload: mean req/s, and the mean of their percentiles. */
function combine(runs: Figures[]): Figures {
  const mean = (pick: (f: Figures) => number) =>
    runs.reduce((sum, f) => sum + pick(f), 0) / Math.max(runs.length, 1);
  return {
    rps: mean((f) => f.rps),
    p50: mean((f) => f.p50),
    p99: mean((f) => f.p99),
    errors: runs.reduce((sum, f) => sum + f.errors, 0),
  };
}

/**
 * The servers run as plain JavaScript, as a deployed server does: their TypeScript is
 * stripped here (into node_modules/.bench, ignored by git), so the server processes do not
 * load Node's TypeScript loader, which alone adds ~15 MB of RSS.
 */
function serverScript(): string {
  const out = join(here, '..', 'node_modules', '.bench');
  mkdirSync(out, { recursive: true });
  const { emitWarning } = process;
  process.emitWarning = () => {}; // stripTypeScriptTypes is experimental and says so
  try {
    for (const name of ['bench-server', 'ceiling-app', 'bench-database']) {
      const source = readFileSync(join(here, `${name}.ts`), 'utf8');
      const js = stripTypeScriptTypes(source).replace(
        /from '\.\/([\w-]+)\.ts'/g,
        "from './$1.mjs'",
      );
      writeFileSync(join(out, `${name}.mjs`), js);
    }
  } finally {
    process.emitWarning = emitWarning;
  }
  return join(out, 'bench-server.mjs');
}
const script = serverScript();

async function startServer(
  mode: 'switchboard' | 'ceiling',
  databaseUrl: string,
  secretKeys: string,
) {
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, script, mode, databaseUrl], {
    env: { ...process.env, SWITCHBOARD_SECRET_KEYS: secretKeys },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = output.match(/READY (\d+)/);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`${mode} server exited: ${output}`));
      }
    }, 20);
  });
  return {
    port,
    async stop(): Promise<number> {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      return Number(output.match(/MAXRSS (\d+)/)?.[1] ?? 0) / 1024;
    },
  };
}

async function freshDatabase(
  dialect: BenchDialect,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
    return {
      url: join(dir, 'bench.db'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `switchboard_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: postgresAdminUrl,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);
const rows: string[] = [];
const notes: string[] = [];

function report(
  dialect: BenchDialect,
  name: string,
  ceiling: Figures | null,
  switchboard: Figures,
) {
  const ratio = ceiling ? (switchboard.rps / ceiling.rps).toFixed(2) : '   –';
  rows.push(
    `| ${dialect.padEnd(8)} | ${name.padEnd(38)} | ${ceiling ? fmt(ceiling.rps) : '       –'} | ${ceiling ? fmt(ceiling.p50, 1) : '       –'} | ${ceiling ? fmt(ceiling.p99, 1) : '       –'} | ${fmt(switchboard.rps)} | ${fmt(switchboard.p50, 1)} | ${fmt(switchboard.p99, 1)} | ${ratio.padStart(5)} |`,
  );
  if (switchboard.errors > 0 || (ceiling?.errors ?? 0) > 0) {
    notes.push(
      `${dialect} ${name}: ${switchboard.errors} switchboard / ${ceiling?.errors ?? 0} ceiling error responses`,
    );
  }
}

const started = performance.now();
const dialects: BenchDialect[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
if (dialects.length === 1)
  notes.push(`PostgreSQL not measured: nothing answers at ${postgresAdminUrl}`);
let peakRss = 0;
let peakSignInRss = 0;

for (const dialect of dialects) {
  const database = await freshDatabase(dialect);
  try {
    process.stderr.write(`${dialect}: seeding 10,000 users…\n`);
    const seeded = await seedBenchDatabase(database.url);
    const figures = new Map<string, { ceiling?: Figures; switchboard?: Figures }>();
    const servers = {
      ceiling: await startServer('ceiling', database.url, seeded.secretKeys),
      switchboard: await startServer('switchboard', database.url, seeded.secretKeys),
    };
    // Warm the JIT and the caches before measuring, so neither side is measured cold.
    for (const server of Object.values(servers)) {
      for (const workload of workloads.filter((w) => !w.write)) {
        await load(server.port, seeded.sessionToken, { ...workload.options(seeded), duration: 1 });
      }
    }
    for (const workload of workloads) {
      const runs = { ceiling: [] as Figures[], switchboard: [] as Figures[] };
      for (let round = 0; round < rounds; round++) {
        const order =
          round % 2 === 0
            ? (['ceiling', 'switchboard'] as const)
            : (['switchboard', 'ceiling'] as const);
        for (const mode of order) {
          process.stderr.write(`${dialect}: ${mode}: ${workload.name} (round ${round + 1})\n`);
          runs[mode].push(
            await load(
              servers[mode].port,
              seeded.sessionToken,
              workload.options(seeded),
              connections,
              durationSeconds / rounds,
            ),
          );
        }
      }
      figures.set(workload.name, {
        ceiling: combine(runs.ceiling),
        switchboard: combine(runs.switchboard),
      });
    }
    await servers.ceiling.stop();
    peakRss = Math.max(peakRss, await servers.switchboard.stop());
    // Sign-in in a server of its own, so its scrypt memory (128 MiB a hash) shows apart.
    process.stderr.write(`${dialect}: switchboard: sign-in\n`);
    const signInServer = await startServer('switchboard', database.url, seeded.secretKeys);
    const signIn = await load(
      signInServer.port,
      null,
      {
        method: 'POST',
        path: '/v1/auth/login',
        body: JSON.stringify({ email: seeded.adminEmail, password: seeded.password }),
      },
      2,
    );
    figures.set('POST /v1/auth/login (scrypt N=2^17)', { switchboard: signIn });
    peakSignInRss = Math.max(peakSignInRss, await signInServer.stop());
    for (const [name, { ceiling, switchboard }] of figures) {
      if (switchboard) report(dialect, name, ceiling ?? null, switchboard);
    }
    const first = figures.get(workloads[0]?.name ?? '')?.switchboard;
    const deep = figures.get(workloads[1]?.name ?? '')?.switchboard;
    if (first && deep)
      notes.push(
        `${dialect}: deep page p50 is ${(deep.p50 / Math.max(first.p50, 0.001)).toFixed(2)}× the first page's; req/s ${(first.rps / deep.rps).toFixed(2)}× lower`,
      );
  } finally {
    await database.drop();
  }
}

interface ColdStart {
  importMs: number;
  createAndMigrateMs: number;
  totalMs: number;
  modules: number;
  packages: string[];
}
// Five fresh processes; the median is reported (one start is at the mercy of the machine).
const colds = Array.from(
  { length: 5 },
  () =>
    JSON.parse(
      execFileSync(process.execPath, [join(here, 'cold-start.ts')], { encoding: 'utf8' }),
    ) as ColdStart,
).sort((a, b) => a.totalMs - b.totalMs);
const cold = colds[2] as ColdStart;
const coldRange = `${colds[0]?.totalMs.toFixed(0)}–${colds[4]?.totalMs.toFixed(0)} ms over 5 starts`;

console.log(
  `\nSwitchboard benchmark — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `autocannon: ${connections} connections, ${durationSeconds} s per workload and server in ${rounds} rounds (sign-in: 2 connections, ${durationSeconds} s); latencies in ms (mean of the rounds); server flags: ${nodeFlags.join(' ') || 'Node defaults'}\n`,
);
console.log(
  '| database | workload                               | ceil r/s | ceil p50 | ceil p99 |   sb r/s |   sb p50 |   sb p99 | ratio |',
);
console.log(
  '| -------- | -------------------------------------- | -------- | -------- | -------- | -------- | -------- | -------- | ----- |',
);
for (const row of rows) console.log(row);
console.log(
  `\nCold start (import + createSwitchboard + migrate, empty SQLite), median: ${cold.totalMs.toFixed(0)} ms (import ${cold.importMs.toFixed(0)} ms, create + migrate ${cold.createAndMigrateMs.toFixed(0)} ms; ${coldRange}); ${cold.modules} modules from: ${cold.packages.join(', ')}`,
);
console.log(
  `Peak RSS of the Switchboard server under the API load: ${peakRss.toFixed(0)} MB; under sign-in load: ${peakSignInRss.toFixed(0)} MB`,
);
for (const note of notes) console.log(`Note: ${note}`);
console.log(`Total time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
