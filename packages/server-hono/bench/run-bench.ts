import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import pg from 'pg';
import type { BenchDialect } from './bench-database.ts';
import { type Seeded, seedBenchDatabase } from './seed-bench-database.ts';

/**
 * `npm run bench`: seeds a fresh database per dialect, starts the ceiling (bare Hono, raw
 * driver, same SQL) and Switchboard's real routes side by side, loads each workload on
 * both with autocannon on loopback in short rounds, each a pair of back-to-back runs
 * (ceiling then Switchboard, then the other way round), so that the machine's other load
 * falls on both sides of a pair alike, and prints req/s, p50, p99, the switchboard/ceiling
 * ratio and the ratio of the servers' CPU time per request, each the median of the rounds.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
/** Length of one run: autocannon measures whole seconds (a shorter run still takes one). */
const runSeconds = 1;
const signInSeconds = 5;
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
  /** CPU time of the server process per request, in µs (NaN where /proc cannot tell). */
  cpuMicros: number;
}

/** A server process under load, and the CPU time it has used so far (µs; NaN off Linux). */
interface Target {
  port: number;
  cpuMicros(): number;
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
  {
    name: 'POST /v1/users (Idempotency-Key)',
    write: true,
    // A new key on every request, as @switchboard/client sends: each claims its key, and the
    // change keeps its answer in its transaction (C2).
    options: (s) => {
      let turn = 0;
      const run = randomUUID();
      return {
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              path: '/v1/users',
              headers: {
                ...request.headers,
                'content-type': 'application/json',
                authorization: `Bearer ${s.sessionToken}`,
                'idempotency-key': `${run}-${turn}`,
              },
              body: JSON.stringify({
                firstName: 'Keyed',
                lastName: 'User',
                email: `keyed-${run}-${turn++}@bench.test`,
              }),
            }),
          },
        ],
      };
    },
  },
  {
    name: 'PATCH /v1/phone-numbers/{id} (If-Match)',
    write: true,
    // As the owner PATCH, each naming the version the number's last answer carried (C1);
    // a number not answered yet this round is sent with `*`. A 412 would count as an error.
    options: (s) => {
      let turn = 0;
      const versions = new Map<string, number>();
      return {
        requests: [
          {
            method: 'PATCH',
            setupRequest: (request) => {
              const k = turn++;
              const count = s.phoneNumberIds.length;
              const id = s.phoneNumberIds[k % count] ?? '';
              const version = versions.get(id);
              return {
                ...request,
                path: `/v1/phone-numbers/${id}`,
                headers: {
                  ...request.headers,
                  'content-type': 'application/json',
                  authorization: `Bearer ${s.sessionToken}`,
                  'if-match': version === undefined ? '*' : `"${version}"`,
                },
                body: JSON.stringify({ ownerId: s.owners[(Math.floor(k / count) + 1) % 2] }),
              };
            },
            onResponse: (status, body) => {
              if (status !== 200) return;
              const { id, version } = JSON.parse(body) as { id?: string; version?: number };
              if (id && version !== undefined) versions.set(id, version);
            },
          },
        ],
      };
    },
  },
];

async function load(
  target: Target,
  token: string | null,
  { path, ...options }: LoadOptions,
  conns = connections,
  duration = runSeconds,
): Promise<Figures> {
  const cpuBefore = target.cpuMicros();
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}${path ?? ''}`,
    connections: conns,
    duration,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...options,
  });
  return {
    // Completed requests over the run's measured length (autocannon's per-second average
    // does not weigh a partial last second right).
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMicros: (target.cpuMicros() - cpuBefore) / Math.max(result.requests.total, 1),
  };
}

/** The median of some figures (the mean of the middle two of an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Figures of several runs of one workload: the median of each, so that a round that met a
 * burst of load from elsewhere on the machine does not move the result.
 */
function combine(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((f) => f.rps)),
    p50: median(runs.map((f) => f.p50)),
    p99: median(runs.map((f) => f.p99)),
    errors: runs.reduce((sum, f) => sum + f.errors, 0),
    cpuMicros: median(runs.map((f) => f.cpuMicros)),
  };
}

/** CPU time (user + system) a process has used, in µs, from /proc; NaN where there is none. */
function processCpuMicros(pid: number | undefined): number {
  try {
    // Fields after the command name: state is the 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / clockTicksPerSecond);
  } catch {
    return Number.NaN;
  }
}
const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * The servers (and the cold-start probe) run as plain JavaScript, as a deployed server does:
 * their TypeScript is stripped here into node_modules/.bench (ignored by git), whose path
 * this returns, so the measured processes do not load Node's TypeScript loader, which alone
 * adds ~15 MB of RSS and time to every start.
 */
function stripBenchScripts(): string {
  const out = join(here, '..', 'node_modules', '.bench');
  mkdirSync(out, { recursive: true });
  const { emitWarning } = process;
  process.emitWarning = () => {}; // stripTypeScriptTypes is experimental and says so
  try {
    for (const name of ['bench-server', 'ceiling-app', 'bench-database', 'cold-start']) {
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
  return out;
}
const benchDir = stripBenchScripts();
const script = join(benchDir, 'bench-server.mjs');

/**
 * The core and the packages it needs on every call (kysely, zod, the contract) in one ES module, as a
 * service bundled for deployment ships it; the rest of the core's dependencies (the AWS and
 * Google SDKs, gRPC, pg, nodemailer) are imported only when used, so they stay imports.
 */
async function bundleCore(): Promise<string> {
  const manifest = JSON.parse(
    readFileSync(join(here, '..', '..', 'core', 'package.json'), 'utf8'),
  ) as { dependencies: Record<string, string> };
  const outfile = join(benchDir, 'core-bundle.mjs');
  await build({
    stdin: { contents: "export * from '@switchboard/core';", resolveDir: here, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outfile,
    external: Object.keys(manifest.dependencies)
      .filter((name) => !['kysely', 'zod', '@switchboard/contract'].includes(name))
      .flatMap((name) => [name, `${name}/*`]),
    logLevel: 'error',
  });
  return outfile;
}

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
    cpuMicros: () => processCpuMicros(child.pid),
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

/** One workload on both servers: each side's figures and the medians of the round ratios. */
interface Comparison {
  ceiling: Figures | null;
  switchboard: Figures;
  /** Switchboard's req/s over the ceiling's. */
  ratio: number;
  /** The lowest and highest of the rounds' req/s ratios: how much the machine moved. */
  ratioRange: [number, number];
  /** The ceiling's CPU time per request over Switchboard's. */
  cpuRatio: number;
}

function report(dialect: BenchDialect, name: string, { ceiling, switchboard, ...c }: Comparison) {
  const ratio = (value: number, width: number) =>
    (Number.isNaN(value) ? '–' : value.toFixed(2)).padStart(width);
  rows.push(
    `| ${dialect.padEnd(8)} | ${name.padEnd(38)} | ${ceiling ? fmt(ceiling.rps) : '       –'} | ${ceiling ? fmt(ceiling.p50, 1) : '       –'} | ${ceiling ? fmt(ceiling.p99, 1) : '       –'} | ${fmt(switchboard.rps)} | ${fmt(switchboard.p50, 1)} | ${fmt(switchboard.p99, 1)} | ${ratio(c.ratio, 5)} | ${(Number.isNaN(c.ratioRange[0]) ? '–' : c.ratioRange.map((r) => r.toFixed(2)).join('–')).padStart(11)} | ${ratio(c.cpuRatio, 9)} |`,
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
    const figures = new Map<string, Comparison>();
    const servers = {
      ceiling: await startServer('ceiling', database.url, seeded.secretKeys),
      switchboard: await startServer('switchboard', database.url, seeded.secretKeys),
    };
    // Warm the JIT and the caches before measuring, so neither side is measured cold (the
    // larger app takes longer to reach its optimised code).
    for (const server of Object.values(servers)) {
      for (const workload of workloads.filter((w) => !w.write)) {
        await load(server, seeded.sessionToken, workload.options(seeded), connections, 2);
      }
    }
    for (const workload of workloads) {
      process.stderr.write(`${dialect}: ${workload.name}, ${rounds} rounds\n`);
      const runs = { ceiling: [] as Figures[], switchboard: [] as Figures[] };
      for (let round = 0; round < rounds; round++) {
        const order =
          round % 2 === 0
            ? (['ceiling', 'switchboard'] as const)
            : (['switchboard', 'ceiling'] as const);
        for (const mode of order) {
          runs[mode].push(await load(servers[mode], seeded.sessionToken, workload.options(seeded)));
        }
      }
      const pairs = runs.switchboard.map((sb, i) => ({ sb, ceiling: runs.ceiling[i] as Figures }));
      figures.set(workload.name, {
        ceiling: combine(runs.ceiling),
        switchboard: combine(runs.switchboard),
        ratio: median(pairs.map((p) => p.sb.rps / p.ceiling.rps)),
        ratioRange: [
          Math.min(...pairs.map((p) => p.sb.rps / p.ceiling.rps)),
          Math.max(...pairs.map((p) => p.sb.rps / p.ceiling.rps)),
        ],
        cpuRatio: median(pairs.map((p) => p.ceiling.cpuMicros / p.sb.cpuMicros)),
      });
    }
    // The deep page against the first, on Switchboard, in back-to-back pairs of their own (the
    // workloads above ran tens of seconds apart, and the machine's speed drifts meanwhile).
    const [firstPage, deepPage] = workloads as [Workload, Workload];
    const pages = { first: [] as Figures[], deep: [] as Figures[] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['first', 'deep'] as const) : (['deep', 'first'] as const);
      for (const page of order) {
        const workload = page === 'first' ? firstPage : deepPage;
        pages[page].push(
          await load(servers.switchboard, seeded.sessionToken, workload.options(seeded)),
        );
      }
    }
    const deepRatio = (pick: (f: Figures) => number) =>
      median(pages.deep.map((deep, i) => pick(deep) / pick(pages.first[i] as Figures)));
    notes.push(
      `${dialect}: deep page (after 5,000) against the first, in ${rounds} back-to-back pairs: p50 ${deepRatio((f) => Math.max(f.p50, 0.5)).toFixed(2)}×, req/s ${(1 / deepRatio((f) => f.rps)).toFixed(2)}× lower`,
    );
    await servers.ceiling.stop();
    peakRss = Math.max(peakRss, await servers.switchboard.stop());
    // Sign-in in a server of its own, so its scrypt memory (128 MiB a hash) shows apart.
    process.stderr.write(`${dialect}: switchboard: sign-in\n`);
    const signInServer = await startServer('switchboard', database.url, seeded.secretKeys);
    const signIn = await load(
      signInServer,
      null,
      {
        method: 'POST',
        path: '/v1/auth/login',
        body: JSON.stringify({ email: seeded.adminEmail, password: seeded.password }),
      },
      2,
      signInSeconds,
    );
    figures.set('POST /v1/auth/login (scrypt N=2^17)', {
      ceiling: null,
      switchboard: signIn,
      ratio: Number.NaN,
      ratioRange: [Number.NaN, Number.NaN],
      cpuRatio: Number.NaN,
    });
    peakSignInRss = Math.max(peakSignInRss, await signInServer.stop());
    for (const [name, comparison] of figures) report(dialect, name, comparison);
  } finally {
    await database.drop();
  }
}

interface ColdStart {
  importMs: number;
  createAndMigrateMs: number;
  totalMs: number;
}
const coldStartScript = join(benchDir, 'cold-start.mjs');

/** Five fresh processes importing `module` (default: the installed core); their median. */
function coldStart(module?: string): string {
  const starts = Array.from(
    { length: 5 },
    () =>
      JSON.parse(
        execFileSync(process.execPath, [coldStartScript, ...(module ? [module] : [])], {
          encoding: 'utf8',
        }),
      ) as ColdStart,
  ).sort((a, b) => a.totalMs - b.totalMs);
  const [first, , middle, , last] = starts as [
    ColdStart,
    ColdStart,
    ColdStart,
    ColdStart,
    ColdStart,
  ];
  return `${middle.totalMs.toFixed(0)} ms (import ${middle.importMs.toFixed(0)} ms, create + migrate ${middle.createAndMigrateMs.toFixed(0)} ms; ${first.totalMs.toFixed(0)}–${last.totalMs.toFixed(0)} ms)`;
}
const coldInstalled = coldStart();
const coldBundled = coldStart(await bundleCore());
/** Every resolution the import made (a module imported from two places resolves twice). */
const resolved = JSON.parse(
  execFileSync(process.execPath, [coldStartScript, 'modules'], { encoding: 'utf8' }),
) as string[];
const loadedModules = new Set(resolved);
const modulesByPackage = new Map<string, number>();
for (const url of loadedModules) {
  const origin = url.startsWith('node:')
    ? 'node'
    : (url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? '@switchboard/core');
  modulesByPackage.set(origin, (modulesByPackage.get(origin) ?? 0) + 1);
}

console.log(
  `\nSwitchboard benchmark — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `autocannon: ${connections} connections; per workload ${rounds} rounds of ${runSeconds} s on each server (sign-in: 2 connections, ${signInSeconds} s); req/s, latencies (ms) and ratios are medians of the rounds; server flags: ${nodeFlags.join(' ') || 'Node defaults'}\n`,
);
console.log(
  '| database | workload                               | ceil r/s | ceil p50 | ceil p99 |   sb r/s |   sb p50 |   sb p99 | ratio |      rounds | cpu ratio |',
);
console.log(
  '| -------- | -------------------------------------- | -------- | -------- | -------- | -------- | -------- | -------- | ----- | ----------- | --------- |',
);
for (const row of rows) console.log(row);
console.log(
  [
    '',
    'ratio: switchboard/ceiling req/s (rounds: the lowest and highest of the rounds); cpu ratio: ceiling/switchboard CPU time per request',
    'Cold start (import + createSwitchboard + migrate, empty SQLite), median of 5 starts:',
    `  installed (ES modules from node_modules): ${coldInstalled}`,
    `  bundled (the core, the contract, kysely and zod in one file by esbuild): ${coldBundled}`,
    `Importing the installed core loads ${loadedModules.size} modules (${resolved.length} resolutions): ${[...modulesByPackage].map(([origin, n]) => `${origin} ${n}`).join(', ')}`,
  ].join('\n'),
);
console.log(
  `Peak RSS of the Switchboard server under the API load: ${peakRss.toFixed(0)} MB; under sign-in load: ${peakSignInRss.toFixed(0)} MB`,
);
for (const note of notes) console.log(`Note: ${note}`);
console.log(`Total time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
