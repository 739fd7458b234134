import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver in its own process, for `run-feature-bench.ts`: `node
 * webhook-receiver.mjs`. Prints `READY <port>`. Every `POST /hook` is verified as a
 * Standard Webhooks delivery (HMAC-SHA-256 of `id.timestamp.body` under the secret, as any
 * receiver must) and answered 204 (401 when the signature does not match). Control routes:
 * `PUT /control/secret` (the body is the `whsec_…` secret), `POST /control/reset`, and
 * `GET /control/stats` → `{ received, unique, bad, firstAt, lastAt, perSecond }` (times in
 * ms since the epoch; `perSecond`: deliveries in each whole second since the first).
 */
let key = Buffer.alloc(0);
let received = 0;
let bad = 0;
let ids = new Set<string>();
let times: number[] = [];

function verified(headers: NodeJS.Dict<string | string[]>, body: Buffer): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((signature) => {
      const given = Buffer.from(signature.replace(/^v1,/, ''), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (request.method === 'POST' && request.url === '/hook') {
    received++;
    times.push(Date.now());
    if (!verified(request.headers, body)) {
      bad++;
      response.writeHead(401).end();
      return;
    }
    ids.add(String(request.headers['webhook-id']));
    response.writeHead(204).end();
  } else if (request.url === '/control/secret') {
    key = Buffer.from(body.toString().replace(/^whsec_/, ''), 'base64');
    response.writeHead(204).end();
  } else if (request.url === '/control/reset') {
    received = 0;
    bad = 0;
    ids = new Set();
    times = [];
    response.writeHead(204).end();
  } else {
    const firstAt = times[0] ?? null;
    const perSecond: number[] = [];
    for (const time of times) {
      const second = Math.floor((time - (firstAt ?? time)) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        received,
        unique: ids.size,
        bad,
        firstAt,
        lastAt: times.at(-1) ?? null,
        perSecond: Array.from(perSecond, (n) => n ?? 0),
      }),
    );
  }
});
server.listen(0, '127.0.0.1', () => {
  console.log(`READY ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => {
  server.close();
  process.exit(0);
});
