import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BenchDialect } from './bench-database.ts';
import {
  benchDir,
  combine,
  connections,
  type Figures,
  freshDatabase,
  here,
  type LoadOptions,
  load,
  median,
  nodeFlags,
  postgresAdminUrl,
  postgresAvailable,
  runSeconds,
  startServer,
} from './bench-harness.ts';
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
const signInSeconds = 5;

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
