import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a graceful close did. */
export interface CloseReport {
  /** Connections destroyed at once: idle keep-alive ones and half-sent requests. */
  idle: number;
  /** Requests that were in flight when the close began. */
  inFlight: number;
  /** Connections still open at the deadline, destroyed then. */
  forced: number;
  /** Request handlers still running when the close gave up waiting for them. */
  abandoned: number;
}

/**
 * Follows a Node HTTP server's connections and the requests on each, and the app's request
 * handlers, so that `close` can shut down gracefully: stop accepting, close idle keep-alive
 * connections and half-sent requests (no request reached the app yet) at once, let requests
 * in flight finish (their answers carry `Connection: close`) until a deadline, destroy what
 * is left, and wait for the handlers, so that nothing runs on the database when it closes.
 * Install it before the server accepts its first connection.
 */
export class ConnectionTracker {
  readonly #server: Server;
  /** Open connections and their unanswered requests' responses. */
  readonly #sockets = new Map<Socket, Set<ServerResponse>>();
  #handlers = 0;
  readonly #handlersDone = new Set<() => void>();
  #closing = false;

  constructor(server: Server) {
    this.#server = server;
    server.on('connection', (socket: Socket) => {
      this.#sockets.set(socket, new Set());
      socket.once('close', () => this.#sockets.delete(socket));
    });
    // Before the app's listener, which may answer synchronously.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const socket = request.socket;
      const responses = this.#sockets.get(socket) ?? new Set<ServerResponse>();
      this.#sockets.set(socket, responses);
      responses.add(response);
      if (this.#closing) response.setHeader('connection', 'close');
      response.once('close', () => {
        responses.delete(response);
        // Closing: the connection ends with its last answer instead of staying open.
        if (this.#closing && responses.size === 0) socket.end();
      });
    });
  }

  /** Wraps the app's fetch so that `close` can wait for handlers still running. */
  track<A extends unknown[]>(
    fetch: (request: Request, ...rest: A) => unknown,
  ): (request: Request, ...rest: A) => unknown {
    return (request, ...rest) => {
      this.#handlers++;
      let result: unknown;
      try {
        result = fetch(request, ...rest);
      } catch (error) {
        this.#handlerDone();
        throw error;
      }
      if (result instanceof Promise) return result.finally(() => this.#handlerDone());
      this.#handlerDone();
      return result;
    };
  }

  #handlerDone(): void {
    this.#handlers--;
    if (this.#handlers === 0) for (const done of this.#handlersDone) done();
  }

  /**
   * Closes gracefully (see the class comment) within `timeoutMs`. Resolves once every
   * connection is closed and every handler has settled, or once the deadline has passed
   * for the handlers too (a handler stuck on an unreachable database is not waited for).
   */
  async close(timeoutMs: number): Promise<CloseReport> {
    this.#closing = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    let idle = 0;
    let inFlight = 0;
    for (const [socket, responses] of this.#sockets) {
      if (responses.size === 0) {
        socket.destroy();
        idle++;
        continue;
      }
      inFlight += responses.size;
      // Answers not yet started say that the connection closes after them.
      for (const response of responses)
        if (!response.headersSent) response.setHeader('connection', 'close');
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), timeoutMs);
    });
    const handlersSettled = new Promise<void>((resolve) => {
      if (this.#handlers === 0) return resolve();
      this.#handlersDone.add(resolve);
    });
    let forced = 0;
    if ((await Promise.race([closed, deadline])) === 'deadline') {
      forced = this.#sockets.size;
      for (const socket of this.#sockets.keys()) socket.destroy();
      await closed;
    }
    const outcome = await Promise.race([handlersSettled.then(() => 'settled' as const), deadline]);
    clearTimeout(timer);
    return { idle, inFlight, forced, abandoned: outcome === 'settled' ? 0 : this.#handlers };
  }
}
