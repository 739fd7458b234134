import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: its headers, its raw body, and the JSON in it. */
export interface ReceivedWebhook {
  /** The path (and query) it was sent to. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; data: { object: Record<string, unknown> } } & Record<
    string,
    unknown
  >;
}

/** What the receiver answers a request with; `hang` never answers. */
export type ReceiverAnswer =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'hang';

/**
 * A real local HTTP(S) server that records every webhook it gets and answers as `answer`
 * says (200 by default). `waitFor(n)` resolves once `n` requests arrived.
 */
export interface WebhookReceiver {
  received: ReceivedWebhook[];
  port: number;
  /** `http://127.0.0.1:<port><path>` (or https with a certificate). */
  url(path?: string, host?: string): string;
  answer: (request: ReceivedWebhook, index: number) => ReceiverAnswer | Promise<ReceiverAnswer>;
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  stop(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a receiver on loopback; with `tls`, over https with that key and certificate. */
export async function startWebhookReceiver(tls?: {
  key: string;
  cert: string;
}): Promise<WebhookReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: WebhookReceiver = {
    received: [],
    port: 0,
    url: (path = '/hooks', host = '127.0.0.1') =>
      `${tls ? 'https' : 'http'}://${host}:${receiver.port}${path}`,
    answer: () => ({ status: 200 }),
    waitFor: (count) =>
      new Promise((resolve) => {
        const check = () => receiver.received.length >= count;
        if (check()) resolve(receiver.received);
        else waiters.push({ count, resolve: () => resolve(receiver.received) });
      }),
    stop: async () => {},
  };
  const handler = async (
    request: IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => {
    const body = await readBody(request);
    const entry: ReceivedWebhook = {
      path: request.url ?? '',
      headers: request.headers,
      body,
      event: body ? JSON.parse(body) : {},
    };
    const index = receiver.received.push(entry) - 1;
    for (const waiter of [...waiters]) {
      if (receiver.received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    const answer = await receiver.answer(entry, index);
    if (answer === 'hang') return;
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
