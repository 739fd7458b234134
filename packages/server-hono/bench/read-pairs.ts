import { freshDatabase, load, median, startServer } from './bench-harness.ts';
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
const db = await freshDatabase('sqlite');
const seeded = await seedBenchDatabase(db.url);
const path = which === 'integrations' ? '/v1/integrations' : `/v1/users/${seeded.userId}`;
const ceiling = await startServer('ceiling', db.url, seeded.secretKeys);
const switchboard = await startServer('switchboard', db.url, seeded.secretKeys);
for (const server of [ceiling, switchboard])
  await load(server, seeded.sessionToken, { path }, 10, 2);
const ratios: number[] = [];
for (let pair = 0; pair < pairs; pair++) {
  const order = pair % 2 ? [switchboard, ceiling] : [ceiling, switchboard];
  const figures = new Map<unknown, Awaited<ReturnType<typeof load>>>();
  for (const server of order) {
    figures.set(server, await load(server, seeded.sessionToken, { path }, 10, seconds));
  }
  const c = figures.get(ceiling)!;
  const s = figures.get(switchboard)!;
  if (c.errors + s.errors > 0) throw new Error(`${c.errors + s.errors} requests failed`);
  ratios.push(c.cpuMicros / s.cpuMicros);
  console.log(
    `pair ${pair}: ceiling ${c.rps.toFixed(0)} req/s, ${c.cpuMicros.toFixed(1)} µs CPU; ` +
      `switchboard ${s.rps.toFixed(0)} req/s, ${s.cpuMicros.toFixed(1)} µs CPU; ` +
      `cpu ratio ${(c.cpuMicros / s.cpuMicros).toFixed(3)}`,
  );
}
console.log(
  `GET ${which === 'integrations' ? '/v1/integrations' : '/v1/users/{id}'}: median cpu ratio ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
);
await ceiling.stop();
await switchboard.stop();
await db.drop();
