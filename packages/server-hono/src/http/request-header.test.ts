import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../server/http-server.js';
import { listHeader } from './request-header.js';

/** What the app saw of each list header: through Node's parsed headers and through Fetch. */
const app = new Hono();
app.get('/', (c) => {
  const names = ['x-request-id', 'if-none-match', 'idempotency-key'] as const;
  return c.json(names.map((name) => [listHeader(c, name) ?? null, c.req.header(name) ?? null]));
});

/** Sends raw request bytes and resolves with the answer's body. */
function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n\r\n')[1] ?? ''));
    socket.write(`GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${head}\r\n`);
  });
}

describe('listHeader', () => {
  let http: HttpServer;
  let port: number;
  beforeAll(async () => {
    http = createHttpServer(app.fetch, console);
    port = (await http.listen(0, '127.0.0.1')).port;
  });
  afterAll(() => http.close(1000));

  it('reads under Node what c.req.header() reads: repeats joined, ends trimmed, absence', async () => {
    const seen = JSON.parse(
      await rawRequest(
        port,
        'X-Request-Id:  trace-1 \t\r\nIf-None-Match: "1"\r\nif-none-match: "2" \r\n',
      ),
    );
    expect(seen).toEqual([
      ['trace-1', 'trace-1'],
      ['"1", "2"', '"1", "2"'],
      [null, null],
    ]);
  });

  it('goes through c.req.header() where the app is not served by Node (app.request)', async () => {
    const answer = await app.request('/', {
      headers: { 'x-request-id': 'trace-2', 'idempotency-key': 'k-1' },
    });
    expect(await answer.json()).toEqual([
      ['trace-2', 'trace-2'],
      [null, null],
      ['k-1', 'k-1'],
    ]);
  });
});
