/**
 * Preloaded (`node --import`) into a docs program that starts a server and runs until
 * stopped. Every `listen` gets a free port instead of the one the code names, so programs
 * never collide with each other or with a server already running on the machine. Once the
 * first server listens, this requests DOCS_CHECK_PROBE_PATH on it, prints the answer's
 * status, and ends the process: 0 when the status is below 400, 1 otherwise.
 */
import { Server } from 'node:net';

const path = process.env.DOCS_CHECK_PROBE_PATH ?? '/';
const listen = Server.prototype.listen;
let probed = false;

async function probe(server: Server): Promise<void> {
  const address = server.address();
  if (!address || typeof address === 'string') return;
  const host =
    address.family === 'IPv6' && address.address !== '::' ? `[${address.address}]` : '127.0.0.1';
  // Let the program finish its own start-up (a log line, a second mount) first.
  await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    const response = await fetch(`http://${host}:${address.port}${path}`, { redirect: 'manual' });
    console.log(`[docs-check] GET ${path} answered ${response.status}`);
    process.exit(response.status < 400 ? 0 : 1);
  } catch (error) {
    console.log(`[docs-check] GET ${path} failed: ${String(error)}`);
    process.exit(1);
  }
}

Server.prototype.listen = function listenOnAFreePort(this: Server, ...args: unknown[]) {
  const [first] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) args[0] = 0;
  else if (first && typeof first === 'object' && 'port' in first) args[0] = { ...first, port: 0 };
  if (!probed) {
    probed = true;
    this.once('listening', () => void probe(this));
  }
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;
