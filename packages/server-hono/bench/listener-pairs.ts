import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { createSwitchboard, silentLogger, sqlite } from '@switchboard/core';
import { createSwitchboardApp } from '@switchboard/server-hono';
import { freshDatabase, interleaved, median } from './bench-harness.ts';
import { ceilingApp } from './ceiling-app.ts';
import { seedBenchDatabase } from './seed-bench-database.ts';

/**
 * `node packages/server-hono/bench/listener-pairs.ts [user|integrations]`: the ceiling and
 * Switchboard in this one process, each behind `@hono/node-server`'s request listener, fed
 * real `IncomingMessage`s and answering through real `ServerResponse`s on a socket that
 * discards what is written — everything a server does for a request but Node's HTTP parser
 * and the kernel, which cost both sides alike and make the over-HTTP figures move by ±5 %.
 * Runs `ROUNDS` (default 12) rounds of `N` (default 30,000) requests a side, alternating
 * which goes first, and prints the median CPU time per request of each and their difference:
 * steady to about ±0.5 µs, enough to weigh one layer of the request path (take it out of
 * the build, run again). Build first (`npx turbo run build`).
 */
const which = process.argv[2] ?? 'user';
const requests = Number(process.env.N ?? 30_000);
const rounds = Number(process.env.ROUNDS ?? 12);

const db = await freshDatabase('sqlite');
const seeded = await seedBenchDatabase(db.url);
const switchboard = createSwitchboard({
  database: sqlite(db.url),
  logger: silentLogger,
  mailer: { send: async () => {} },
  secretKeys: seeded.secretKeys,
});
await switchboard.migrate();
const listeners = {
  ceiling: getRequestListener(ceilingApp(db.url).fetch),
  switchboard: getRequestListener(createSwitchboardApp(switchboard).fetch),
};
type Side = keyof typeof listeners;
const path = which === 'integrations' ? '/v1/integrations' : `/v1/users/${seeded.userId}`;
const authorization = `Bearer ${seeded.sessionToken}`;

/** A connection that takes whatever is written and never sends anything. */
class DiscardingSocket extends Duplex {
  remoteAddress = '127.0.0.1';
  override _read(): void {}
  override _write(_chunk: unknown, _encoding: string, done: () => void): void {
    done();
  }
}
const socket = new DiscardingSocket();

function request(side: Side): Promise<void> {
  const incoming = new IncomingMessage(socket as never);
  incoming.method = 'GET';
  incoming.url = path;
  incoming.httpVersionMajor = 1;
  incoming.httpVersionMinor = 1;
  incoming.httpVersion = '1.1';
  incoming.rawHeaders = ['Host', '127.0.0.1', 'Authorization', authorization];
  incoming.headers = { host: '127.0.0.1', authorization };
  incoming.complete = true;
  incoming.push(null);
  const outgoing = new ServerResponse(incoming);
  outgoing.shouldKeepAlive = true;
  outgoing.assignSocket(socket as never);
  return new Promise((resolve, reject) => {
    outgoing.once('finish', () => {
      outgoing.detachSocket(socket as never);
      if (outgoing.statusCode === 200) resolve();
      else reject(new Error(`${side} answered ${outgoing.statusCode}`));
    });
    void listeners[side](incoming, outgoing);
  });
}

/** CPU time per request (µs) of `count` requests one after another. */
async function cpuPerRequest(side: Side, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await request(side);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

for (const side of ['ceiling', 'switchboard'] as const) await cpuPerRequest(side, 20_000);
const figures = await interleaved(rounds, {
  ceiling: () => cpuPerRequest('ceiling', requests),
  switchboard: () => cpuPerRequest('switchboard', requests),
});
const ceiling = median(figures.ceiling);
const ours = median(figures.switchboard);
console.log(
  `GET ${which === 'integrations' ? '/v1/integrations' : '/v1/users/{id}'}: CPU per request ` +
    `ceiling ${ceiling.toFixed(2)} µs, switchboard ${ours.toFixed(2)} µs, ` +
    `difference ${(ours - ceiling).toFixed(2)} µs, ratio ${(ceiling / ours).toFixed(3)}`,
);
await switchboard.close();
await db.drop();
process.exit(0); // the ceiling's database handle stays open
