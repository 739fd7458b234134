import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery a receiver got: its headers, its raw body, and the event in it. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; data: { object: Record<string, unknown> } };
}

/**
 * A real HTTP server on loopback that webhooks are sent to: it keeps every request and
 * answers each with `status` (200 unless a test sets it otherwise).
 */
export interface LocalWebhookReceiver {
  received: ReceivedDelivery[];
  /** What the next requests are answered with. */
  status: number;
  /** `http://127.0.0.1:<port><path>`. */
  url(path?: string): string;
  /** The first request from index `from` on that `matches`, once it has arrived. */
  next(matches: (delivery: ReceivedDelivery) => boolean, from?: number): Promise<ReceivedDelivery>;
  stop(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 at a free port. */
export async function startLocalWebhookReceiver(): Promise<LocalWebhookReceiver> {
  const waiters = new Set<() => void>();
  const receiver: LocalWebhookReceiver = {
    received: [],
    status: 200,
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    next: (matches, from = 0) =>
      new Promise((resolve) => {
        const check = () => {
          const found = receiver.received.slice(from).find(matches);
          if (!found) return false;
          waiters.delete(check);
          resolve(found);
          return true;
        };
        if (!check()) waiters.add(check);
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const status = receiver.status;
    receiver.received.push({ headers: request.headers, body, event: JSON.parse(body) });
    response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    for (const check of [...waiters]) check();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return receiver;
}
