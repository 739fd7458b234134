import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/support/raw-request.js';
import { createHttpServer, type HttpServer } from './http-server.js';

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('the reference server’s HTTP layer: every error is problem+json (item 10)', () => {
  let http: HttpServer;
  let port: number;
  const logged: string[] = [];

  async function start(app: Hono): Promise<void> {
    http = createHttpServer(app.fetch, { error: (message) => void logged.push(message) });
    port = (await http.listen(0, '127.0.0.1')).port;
  }

  afterEach(async () => {
    await http.close(1000);
  });

  const app = () => {
    const hono = new Hono();
    hono.get('/v1/users/:id', (c) => c.json({ id: c.req.param('id') }));
    return hono;
  };

  it('answers a backslash in the path, refused below the app, with a 400 problem', async () => {
    await start(app());
    const answer = parse(
      await rawRequest(
        port,
        'GET /v1/users/a\\b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: expect.stringMatching(/backslash/i),
    });
  });

  it('answers a request Node’s HTTP parser refuses with a 400 problem', async () => {
    await start(app());
    const answer = parse(
      await rawRequest(port, 'GET /v1/users/a HTTP/1.1\r\nHost: localhost\r\nNot a header\r\n\r\n'),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('answers headers over Node’s limit with a 413 problem', async () => {
    await start(app());
    const huge = 'x'.repeat(20_000);
    const answer = parse(
      await rawRequest(
        port,
        `GET /v1/users/a HTTP/1.1\r\nHost: localhost\r\nX-Big: ${huge}\r\n\r\n`,
      ),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
  });

  it('answers a handler that fails past the app with a 500 problem, and logs it', async () => {
    await start({
      fetch: () => Promise.reject(new Error('boom')),
    } as unknown as Hono);
    const answer = parse(
      await rawRequest(
        port,
        'GET /anything HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'internal' });
    expect(logged).toContain('unhandled error below the app');
  });

  it('still serves ordinary requests', async () => {
    await start(app());
    const answer = parse(
      await rawRequest(
        port,
        'GET /v1/users/usr_1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"usr_1"');
  });
});
