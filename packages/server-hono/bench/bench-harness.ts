import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { BenchDialect } from './bench-database.ts';

/**
 * The pieces both benchmark runners share (`run-bench.ts`, `npm run bench`, and
 * `run-feature-bench.ts`, `npm run bench:features`): loading a server with autocannon,
 * medians, the servers' CPU time, the benchmark scripts stripped to plain JavaScript, a
 * server in its own process, and a fresh database per dialect.
 */

/** Length of one run: autocannon measures whole seconds (a shorter run still takes one). */
export const runSeconds = 1;
export const connections = 10;
/**
 * V8 heap flags of both servers: young generation capped at 8 MiB per semi-space and the
 * old generation at 128 MiB, as we recommend for the reference server; by default V8 sizes
 * both from the machine's memory (24 GiB here) and lets garbage pile up to ~300 MB of RSS.
 * `BENCH_NODE_FLAGS=` (empty) measures with Node's defaults.
 */
export const nodeFlags = (
  process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=8 --max-old-space-size=128'
)
  .split(' ')
  .filter(Boolean);
export const here = new URL('.', import.meta.url).pathname;
export const postgresAdminUrl =
  process.env.SWITCHBOARD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the server process per request, in µs (NaN where /proc cannot tell). */
  cpuMicros: number;
}

/** A server process under load, and the CPU time it has used so far (µs; NaN off Linux). */
export interface Target {
  port: number;
  cpuMicros(): number;
}

/** `path` goes into the URL (autocannon has no top-level path option). */
export type LoadOptions = Partial<autocannon.Options> & { path?: string };

export async function load(
  target: Target,
  token: string | null,
  { path, ...options }: LoadOptions,
  conns = connections,
  duration = runSeconds,
): Promise<Figures> {
  const cpuBefore = target.cpuMicros();
  // Each response's time as autocannon took it (fractions of a ms): its own histogram keeps
  // whole milliseconds, too coarse to compare p99s of 2–5 ms.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${target.port}${path ?? ''}`,
        connections: conns,
        duration,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...options,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      latencies.push(ms);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    // Completed requests over the run's measured length (autocannon's per-second average
    // does not weigh a partial last second right).
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 0.5) ?? result.latency.p50,
    p99: percentile(latencies, 0.99) ?? result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMicros: (target.cpuMicros() - cpuBefore) / Math.max(result.requests.total, 1),
  };
}

/** The nearest-rank percentile of sorted values (undefined for none). */
function percentile(sorted: readonly number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** The median of some figures (the mean of the middle two of an even count). */
export function median(values: number[]): number {
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
export function combine(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((f) => f.rps)),
    p50: median(runs.map((f) => f.p50)),
    p99: median(runs.map((f) => f.p99)),
    errors: runs.reduce((sum, f) => sum + f.errors, 0),
    cpuMicros: median(runs.map((f) => f.cpuMicros)),
  };
}

/** CPU time (user + system) a process has used, in µs, from /proc; NaN where there is none. */
export function processCpuMicros(pid: number | undefined): number {
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

/** The scripts that run in processes of their own, stripped to JavaScript by `stripBenchScripts`. */
const processScripts = [
  'bench-server',
  'ceiling-app',
  'bench-database',
  'cold-start',
  'feature-ceiling-app',
  'webhook-receiver',
  'core-override',
];

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
    for (const name of processScripts) {
      const source = readFileSync(join(here, `${name}.ts`), 'utf8');
      const js = stripTypeScriptTypes(source)
        .replace(/from '\.\/([\w-]+)\.ts'/g, "from './$1.mjs'")
        .replace(/import\('\.\/([\w-]+)\.ts'\)/g, "import('./$1.mjs')");
      writeFileSync(join(out, `${name}.mjs`), js);
    }
  } finally {
    process.emitWarning = emitWarning;
  }
  return out;
}
export const benchDir = stripBenchScripts();
const script = join(benchDir, 'bench-server.mjs');

/** A benchmark server in its own process (see `bench-server.ts`). */
export interface BenchServer extends Target {
  pid: number | undefined;
  /** Stops it (SIGTERM); answers its peak RSS in MB. */
  stop(): Promise<number>;
}

/**
 * Starts `bench-server.ts` in `mode` on `databaseUrl`, with the benchmark's V8 flags; `env`
 * adds to the environment, `nodeArgs` go before the script (`--import …`).
 */
export async function startServer(
  mode: string,
  databaseUrl: string,
  secretKeys: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeFlags, ...(options.nodeArgs ?? []), script, mode, databaseUrl],
    {
      env: { ...process.env, SWITCHBOARD_SECRET_KEYS: secretKeys, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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
    pid: child.pid,
    cpuMicros: () => processCpuMicros(child.pid),
    async stop(): Promise<number> {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      return Number(output.match(/MAXRSS (\d+)/)?.[1] ?? 0) / 1024;
    },
  };
}

export async function freshDatabase(
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

export async function postgresAvailable(): Promise<boolean> {
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

/**
 * Runs each of several sides `rounds` times in back-to-back pairs (the order turned round
 * every other round), so that whatever else the machine is doing falls on every side of a
 * round alike; answers each side's runs, round by round.
 */
export async function interleaved<K extends string, T = Figures>(
  rounds: number,
  sides: Record<K, () => Promise<T>>,
): Promise<Record<K, T[]>> {
  const names = Object.keys(sides) as K[];
  const runs = Object.fromEntries(names.map((name) => [name, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      runs[name].push(await sides[name]());
    }
  }
  return runs;
}

/** The median of the rounds' ratios `pick(a) / pick(b)`, and the lowest and highest of them. */
export function roundRatio(
  a: Figures[],
  b: Figures[],
  pick: (f: Figures) => number,
): { ratio: number; low: number; high: number } {
  const ratios = a.map((f, i) => pick(f) / pick(b[i] as Figures));
  return { ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}
