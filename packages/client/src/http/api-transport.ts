import {
  acceptsIdempotencyKey,
  type DownloadAnswer,
  etagOf,
  idempotencyKeySchema,
  type Problem,
  problemSchema,
  type RouteBody,
  type RouteDescriptor,
  type RouteParams,
  type RouteQuery,
  type RouteResult,
  routePath,
} from '@switchboard/contract';
import ky, { type HTTPError, isHTTPError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { clientVersion } from '../client-version.js';
import { apiErrorClassFor } from '../errors/api-error-kinds.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ResponseShapeError } from '../errors/response-shape-error.js';
import type { RequestInfo, SwitchboardApiError } from '../errors/switchboard-api-error.js';
import { abortable } from './abortable.js';
import { type DownloadedFile, downloadedFile } from './downloaded-file.js';
import { newIdempotencyKey } from './new-idempotency-key.js';
import type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from './request-options.js';
import { retryAfterSeconds } from './retry-after-seconds.js';
import { retryPolicy } from './retry-policy.js';

/** A `fetch`, or anything shaped like one (it may answer synchronously). @example const fetch: FetchLike = (input, init) => app.fetch(new Request(input, init)); */
export type FetchLike = (
  input: Request | URL | string,
  init?: RequestInit,
) => Response | Promise<Response>;

export interface TransportOptions {
  /** Where the API is, with any mount prefix, e.g. `https://admin.example.com/admin`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Replaces the global `fetch` (tests, in-process apps, SSR frameworks). */
  fetch?: FetchLike | undefined;
  /**
   * Retries per call. Default 2, with exponential back-off and jitter: GET, PUT and DELETE
   * on connection errors, 408, 429 and 5xx; a POST (with its `Idempotency-Key`, the same on
   * each attempt) on connection errors, 409 `idempotency_key_in_use` and 503; PATCH and
   * `auth` calls never. A `Retry-After` of up to 10 s is waited out; a longer one is thrown
   * at once, with `retryAfter`.
   */
  retry?: number | undefined;
  /** Milliseconds per attempt. Default 10000. A call's own `timeoutMs` replaces it. */
  timeoutMs?: number | undefined;
  /** Extra headers on every request (they win over the client's own, `user-agent` included). */
  headers?: Record<string, string> | undefined;
}

/**
 * What one call of a route takes: its path parameters, query and body, each only where the
 * route has them. @example const input: CallInput<typeof userRoutes.getUser> = { params: { id } };
 */
export type CallInput<R extends RouteDescriptor> = (keyof RouteParams<R> extends never
  ? { params?: undefined }
  : { params: RouteParams<R> }) &
  (R extends { query: z.ZodType } ? { query?: RouteQuery<R> } : { query?: undefined }) &
  (R extends { body: z.ZodType } ? { body: RouteBody<R> } : { body?: undefined });

/** The answer's problem document, or one made up from the status when it is not one. */
function problemOf(error: HTTPError): { problem: Problem; fromServer: boolean } {
  const parsed = problemSchema.safeParse(error.data);
  if (parsed.success) return { problem: parsed.data, fromServer: true };
  const status = error.response.status;
  const text = typeof error.data === 'string' ? error.data.trim().slice(0, 200) : '';
  const problem = {
    type: 'about:blank',
    title: error.response.statusText || `HTTP ${status}`,
    status,
    code:
      status >= 500 ? ([502, 503, 504].includes(status) ? 'unavailable' : 'internal') : 'unknown',
    detail: text || `The server answered ${status} without a problem description`,
  };
  return { problem, fromServer: false };
}

/**
 * Turns ky's HTTPError into a SwitchboardApiError subclass: chosen by the kind of the
 * problem's `code` (the contract's error table), or by the status for an answer that is not
 * a Switchboard problem.
 */
export function toApiError(error: HTTPError, request: RequestInfo): SwitchboardApiError {
  const { problem, fromServer } = problemOf(error);
  const ErrorClass = apiErrorClassFor(fromServer ? problem.code : undefined, error.response.status);
  return new ErrorClass({
    status: error.response.status,
    problem,
    requestId: error.response.headers.get('x-request-id') ?? problem.requestId,
    retryAfter: retryAfterSeconds(error.response.headers.get('retry-after')),
    request,
  });
}

/** Query values as strings; unset ones are left out. */
function searchParamsOf(query: unknown): Record<string, string> | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => [name, String(value)]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * What one call of a route takes besides its input (internal): every per-call option; each
 * resource method offers only those that mean something for its route.
 */
export type CallOptions = IdempotentRequestOptions & ConditionalRequestOptions;

/**
 * The headers of a call's options: `Idempotency-Key` on the routes that take one (the
 * caller's, or a fresh UUID), `If-Match` with the version's ETag or `*`.
 */
function callHeaders(route: RouteDescriptor, options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (acceptsIdempotencyKey(route)) {
    const key = options.idempotencyKey ?? newIdempotencyKey();
    if (!idempotencyKeySchema.safeParse(key).success)
      throw new TypeError(
        `idempotencyKey must be 1 to 255 printable ASCII characters: ${JSON.stringify(key)}`,
      );
    headers['idempotency-key'] = key;
  }
  if (options.ifMatch !== undefined)
    headers['if-match'] = options.ifMatch === '*' ? '*' : etagOf(options.ifMatch);
  return headers;
}

/**
 * What a call that failed rejects with: the signal's reason when the caller aborted (as
 * fetch does), a SwitchboardApiError for an error answer, else a ConnectionError.
 */
function callFailure(error: unknown, request: RequestInfo, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  if (isHTTPError(error)) return toApiError(error, request);
  return new ConnectionError(request, error);
}

/** JSON over HTTP with Switchboard's errors, retries and response validation. */
export class ApiTransport {
  readonly options: TransportOptions;
  readonly #ky: KyInstance;

  constructor(options: TransportOptions) {
    this.options = options;
    const userFetch = options.fetch;
    this.#ky = ky.create({
      prefix: options.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      ...(userFetch ? { fetch: async (input, init) => userFetch(input, init) } : {}),
      headers: {
        accept: 'application/json',
        'user-agent': `switchboard-client/${clientVersion}`,
        ...options.headers,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
    });
  }

  /**
   * Calls one route of the contract: fills in its path, sends its query, body and the
   * headers of its options, retries as `retryPolicy` says (with the same headers, so the
   * same idempotency key), and parses the answer with the route's response schema
   * (undefined for a route without one).
   *
   * @example const user = await api.call(userRoutes.getUser, { params: { id: 'usr_…' } });
   */
  async call<R extends RouteDescriptor>(
    route: R,
    input: CallInput<R>,
    options: CallOptions = {},
  ): Promise<RouteResult<R>> {
    const { request, response } = await this.#send(route, input, options);
    const schema = route.response.schema;
    if (!schema) return undefined as RouteResult<R>;
    let text: string;
    try {
      text = await abortable(response.text(), options.signal);
    } catch (error) {
      throw callFailure(error, request, options.signal);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ResponseShapeError(request, `not JSON: ${JSON.stringify(text.slice(0, 100))}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ResponseShapeError(
        request,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return parsed.data as RouteResult<R>;
  }

  /**
   * Calls a route whose answer is a file (`route.download`, an export): resolves once the
   * answer's headers are in (failing as `call()` does), with the body as a stream read as
   * the caller reads it. A body cut short errors the stream with `ConnectionError`;
   * aborting `signal` errors it with the signal's reason.
   *
   * @example const file = await api.download(auditRoutes.exportAuditEvents, { query: { format: 'csv' } });
   */
  async download<R extends RouteDescriptor & { download: DownloadAnswer }>(
    route: R,
    input: CallInput<R>,
    options: RequestOptions = {},
  ): Promise<DownloadedFile> {
    const accept = [...Object.keys(route.download.mediaTypes), 'application/problem+json'];
    const { request, response } = await this.#send(route, input, options, accept.join(', '));
    return downloadedFile(response, request, options.signal);
  }

  /** Sends one call (with its retries) and waits for a 2xx answer's headers. */
  async #send<R extends RouteDescriptor>(
    route: R,
    input: CallInput<R>,
    options: CallOptions,
    accept?: string,
  ): Promise<{ request: RequestInfo; response: Response }> {
    options.signal?.throwIfAborted();
    const path = routePath(route.path, (input.params ?? {}) as Record<string, string>);
    const request: RequestInfo = {
      method: route.method.toUpperCase(),
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${path}`,
    };
    const searchParams = searchParamsOf(input.query);
    const headers = { ...callHeaders(route, options), ...(accept ? { accept } : {}) };
    try {
      const sent = this.#ky(path.replace(/^\//, ''), {
        method: route.method,
        headers,
        retry: retryPolicy(route, this.options.retry ?? 2),
        ...(input.body !== undefined ? { json: input.body } : {}),
        ...(searchParams ? { searchParams } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      });
      return { request, response: await abortable(sent, options.signal) };
    } catch (error) {
      throw callFailure(error, request, options.signal);
    }
  }
}
