import { freshDatabase, interleaved, load, roundRatio, startServer } from './bench-harness.ts';
import { seedBenchDatabase } from './seed-bench-database.ts';

/**
 * `node packages/server-hono/bench/read-pairs.ts [user|integrations]`: one single-row read
 * (`GET /v1/users/{id}`, or `GET /v1/integrations`) on SQLite, the ceiling against
 * Switchboard, each in its own process as `npm run bench` starts them, in `PAIRS` (default
 * 8) pairs of `SECONDS` (default 3) s a side, alternating which goes first. Prints each
 * pair's CPU time per request (from /proc) and req/s, and the median ceiling/Switchboard
 * CPU ratio: longer runs than the bench's 1 s rounds, for a change worth a few percent.
 * Build first (`npx turbo run build`).
 */
const which = process.argv[2] ?? 'user';
const pairs = Number(process.env.PAIRS ?? 8);
const seconds = Number(process.env.SECONDS ?? 3);
const label = which === 'integrations' ? 'GET /v1/integrations' : 'GET /v1/users/{id}';
const db = await freshDatabase('sqlite');
const seeded = await seedBenchDatabase(db.url);
const path = which === 'integrations' ? '/v1/integrations' : `/v1/users/${seeded.userId}`;
const ceiling = await startServer('ceiling', db.url, seeded.secretKeys);
const switchboard = await startServer('switchboard', db.url, seeded.secretKeys);
const run = (server: typeof ceiling, duration: number) =>
  load(server, seeded.sessionToken, { path }, 10, duration);
for (const server of [ceiling, switchboard]) await run(server, 2);
const runs = await interleaved(pairs, {
  ceiling: () => run(ceiling, seconds),
  switchboard: () => run(switchboard, seconds),
});
runs.ceiling.forEach((c, pair) => {
  const s = runs.switchboard[pair]!;
  if (c.errors + s.errors > 0) throw new Error(`${c.errors + s.errors} requests failed`);
  console.log(
    `pair ${pair}: ceiling ${c.rps.toFixed(0)} req/s, ${c.cpuMicros.toFixed(1)} µs CPU; ` +
      `switchboard ${s.rps.toFixed(0)} req/s, ${s.cpuMicros.toFixed(1)} µs CPU; ` +
      `cpu ratio ${(c.cpuMicros / s.cpuMicros).toFixed(3)}`,
  );
});
const cpu = roundRatio(runs.ceiling, runs.switchboard, (f) => f.cpuMicros);
console.log(
  `${label}: median cpu ratio ${cpu.ratio.toFixed(3)} (${cpu.low.toFixed(3)}–${cpu.high.toFixed(3)})`,
);
await ceiling.stop();
await switchboard.stop();
await db.drop();
