import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal, type WebhookAddressPolicy } from './address-policy.js';
import { hostOf } from './webhook-url.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses (default: the system resolver, `dns.lookup`). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver, as `HostLookup`. */
export const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** How one attempt went: the receiver's status (null when none came) and what went wrong. */
export interface PostOutcome {
  status: number | null;
  /** The `Retry-After` header, when the receiver sent one. */
  retryAfter: string | undefined;
  /** Why the attempt failed before or instead of an answer; null when an answer came. */
  error: string | null;
  durationMs: number;
}

export interface PostOptions {
  policy: WebhookAddressPolicy;
  lookup: HostLookup;
  /** The whole attempt's deadline: resolving, connecting, sending and reading. */
  timeoutMs: number;
  /** Extra certificate authorities (PEM) a receiver's certificate may chain to. */
  ca?: string | readonly string[] | undefined;
}

/** The most of a receiver's answer that is read (then the connection is dropped). */
const maxResponseBytes = 64 * 1024;

/**
 * The address to connect to: the URL's IP literal, or the first address its name resolves
 * to. Refused (with the reason) when any address is loopback, private, link-local or
 * reserved, unless the policy allows those.
 */
async function resolveTarget(
  url: URL,
  options: PostOptions,
): Promise<ResolvedAddress | { refused: string }> {
  const host = hostOf(url);
  const family = isIP(host);
  const addresses: ResolvedAddress[] =
    family === 0 ? await options.lookup(host) : [{ address: host, family: family === 6 ? 6 : 4 }];
  const [first] = addresses;
  if (!first) return { refused: `${host} resolves to no address` };
  if (options.policy.allowPrivateAddresses) return first;
  for (const { address } of addresses) {
    const refusal = addressRefusal(address);
    if (refusal)
      return {
        refused:
          family === 0 ? `${host} resolves to ${address}, ${refusal}` : `${host} is ${refusal}`,
      };
  }
  return first;
}

/**
 * POSTs one webhook: checks the URL's scheme against the policy, resolves its host and
 * checks every address (E4), then connects to the checked address itself — a pinned
 * `lookup`, so no second resolution can swap in another (DNS rebinding) — with the name in
 * the Host header and TLS SNI. Redirects are not followed, at most 64 KiB of the answer is
 * read and thrown away, and the whole attempt ends at `timeoutMs`. Never throws: every
 * failure is an outcome.
 */
export async function postWebhook(
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  const started = performance.now();
  const outcome = (status: number | null, error: string | null, retryAfter?: string) => ({
    status,
    error,
    retryAfter,
    durationMs: Math.round(performance.now() - started),
  });
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.policy.allowHttp))
    return outcome(null, `${url.protocol} URLs are not allowed; use https://`);
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  const timedOut = () => `no answer within ${options.timeoutMs / 1000} s`;
  try {
    const target = await Promise.race([
      resolveTarget(url, options),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error(timedOut()))),
      ),
    ]);
    if ('refused' in target) return outcome(null, `refused: ${target.refused}`);
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all) callback(null, [target]);
      else callback(null, target.address, target.family);
    };
    const requestOptions: RequestOptions & { ca?: string | string[] } = {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinned,
      // A fresh agent: no pooled connection to another address, no proxy from the environment.
      agent: false,
      signal: controller.signal,
      ...(options.ca ? { ca: [options.ca].flat() } : {}),
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, requestOptions, resolve);
      request.on('error', reject);
      request.end(body);
    });
    const retryAfter = response.headers['retry-after'];
    await readAtMost(response, maxResponseBytes);
    return outcome(response.statusCode ?? null, null, retryAfter);
  } catch (error) {
    if (controller.signal.aborted) return outcome(null, timedOut());
    return outcome(null, describeFailure(error));
  } finally {
    clearTimeout(deadline);
  }
}

/** Reads and drops up to `limit` bytes of an answer, then lets the connection go. */
async function readAtMost(response: IncomingMessage, limit: number): Promise<void> {
  let read = 0;
  try {
    for await (const chunk of response) {
      read += (chunk as Buffer).length;
      if (read >= limit) break;
    }
  } finally {
    response.destroy();
  }
}

/** A network failure in a few words (`ECONNREFUSED`, a TLS error), without any body. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = (error as { code?: unknown }).code;
  const message = error.message.slice(0, 200);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
