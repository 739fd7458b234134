import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, type HttpBindings, RequestError } from '@hono/node-server';
import type { Logger } from '@switchboard/core';
import { problemResponse } from '../http/problem-response.js';
import { requestIdFor } from '../http/request-id.js';
import { type CloseReport, ConnectionTracker } from './connection-tracker.js';

/** A fetch handler as Hono apps have one: `app.fetch`. */
export type FetchHandler = (request: Request, env: HttpBindings) => unknown;

/** The reference server's HTTP layer. */
export interface HttpServer {
  readonly server: Server;
  /** Starts listening; resolves with the address once it does. */
  listen(port: number, hostname: string): Promise<AddressInfo>;
  /**
   * Stops accepting connections, closes idle keep-alive connections and half-sent requests
   * at once, lets requests in flight finish for up to `timeoutMs`, destroys the rest and
   * waits for the app's handlers (up to the same deadline). See `ConnectionTracker`.
   */
  close(timeoutMs: number): Promise<CloseReport>;
}

/** The status line of each status a problem can have. */
const reasons: Record<number, string> = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

/**
 * Writes a problem+json answer on a raw socket and closes it: for requests Node's HTTP
 * parser refused before any request object existed.
 */
async function answerOnSocket(socket: Socket, response: Response): Promise<void> {
  const body = await response.text();
  const head = [
    `HTTP/1.1 ${response.status} ${reasons[response.status] ?? 'Error'}`,
    ...[...response.headers].map(([name, value]) => `${name}: ${value}`),
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * A Node HTTP server for `fetch` (a Hono app's) on which every error is
 * `application/problem+json`, whatever layer answers it: a request Node's parser refuses
 * (malformed, headers too large) and one `@hono/node-server` cannot turn into a `Request`
 * (a backslash in the path, a bad Host) get a problem instead of a bare 400; a handler
 * that throws past the app gets a 500 problem. Connections and handlers are tracked for a
 * graceful `close`.
 *
 * @example
 * const http = createHttpServer(app.fetch, logger);
 * await http.listen(3000, '0.0.0.0');
 * process.once('SIGTERM', () => void http.close(10_000).then(() => sb.close()));
 */
export function createHttpServer(fetch: FetchHandler, logger: Pick<Logger, 'error'>): HttpServer {
  const server = createServer();
  const tracker = new ConnectionTracker(server);
  const tracked = tracker.track(fetch);
  const listener = getRequestListener((request, env) => tracked(request, env as HttpBindings), {
    errorHandler(error) {
      const requestId = requestIdFor(undefined);
      if (error instanceof RequestError) {
        return problemResponse('validation_failed', `Bad request: ${error.message}`, {
          requestId,
        });
      }
      logger.error('unhandled error below the app', {
        requestId,
        error: error instanceof Error ? error.stack : String(error),
      });
      return problemResponse('internal', 'Something went wrong on our side', { requestId });
    },
  });
  server.on('request', listener);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A client that went away, or one too slow to send its request: nobody to answer.
    if (
      !socket.writable ||
      error.code === 'ECONNRESET' ||
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ||
      error.code === 'HPE_HEADER_TIMEOUT'
    ) {
      socket.destroy();
      return;
    }
    const requestId = requestIdFor(undefined);
    const problem =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? problemResponse('payload_too_large', 'The request headers are too large', { requestId })
        : problemResponse('validation_failed', 'The request is not valid HTTP', { requestId });
    void answerOnSocket(socket, problem).catch(() => socket.destroy());
  });
  return {
    server,
    listen: (port, hostname) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, hostname, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: (timeoutMs) => tracker.close(timeoutMs),
  };
}
