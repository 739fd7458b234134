import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/support/raw-request.js';
import { createHttpServer, type HttpServer } from '../server/http-server.js';
import { listHeader } from './request-header.js';

/** What the app saw of each list header: through Node's parsed headers and through Fetch. */
const app = new Hono();
app.get('/', (c) => {
  const names = ['x-request-id', 'if-none-match', 'idempotency-key'] as const;
  return c.json(names.map((name) => [listHeader(c, name) ?? null, c.req.header(name) ?? null]));
});

/** The body of the app's answer to a GET of / with the extra header lines `head`. */
async function answerBody(port: number, head: string): Promise<string> {
  const answer = await rawRequest(
    port,
    `GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${head}\r\n`,
  );
  return answer.split('\r\n\r\n')[1] ?? '';
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
      await answerBody(
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
