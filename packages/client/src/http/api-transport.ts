import {
  type Problem,
  problemSchema,
  type RouteBody,
  type RouteDescriptor,
  type RouteParams,
  type RouteQuery,
  type RouteResult,
  routePath,
} from '@switchboard/contract';
import ky, { type HTTPError, isHTTPError, type KyInstance, type ShouldRetryState } from 'ky';
import type { z } from 'zod';
import { clientVersion } from '../client-version.js';
import { apiErrorClassFor } from '../errors/api-error-kinds.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ResponseShapeError } from '../errors/response-shape-error.js';
import type { RequestInfo, SwitchboardApiError } from '../errors/switchboard-api-error.js';
import { abortable } from './abortable.js';
import type { RequestOptions } from './request-options.js';
import { retryJitter } from './retry-jitter.js';

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
   * Retries for GET, PUT and DELETE on 408, 429 and 5xx; never for POST or PATCH. Default 2,
   * with exponential back-off and jitter. A `Retry-After` of up to 10 s is waited out; a
   * longer one is thrown at once, with `retryAfter`.
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

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

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

/** The longest `Retry-After` worth waiting for inside one call; past it the caller decides. */
const longestRetryWaitSeconds = 10;

/** Vetoes a retry the server asked to postpone too long; otherwise ky's own rules decide. */
function shouldRetry({ error }: ShouldRetryState): false | undefined {
  if (!isHTTPError(error)) return undefined;
  const wait = retryAfterSeconds(error.response.headers.get('retry-after'));
  return wait !== undefined && wait > longestRetryWaitSeconds ? false : undefined;
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
      retry: {
        limit: options.retry ?? 2,
        methods: ['get', 'put', 'delete'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        backoffLimit: 5_000,
        jitter: (delay) => retryJitter(delay),
        shouldRetry,
      },
    });
  }

  /**
   * Calls one route of the contract: fills in its path, sends its query and body, and parses
   * the answer with the route's response schema (undefined for a route without one).
   *
   * @example const user = await api.call(userRoutes.getUser, { params: { id: 'usr_…' } });
   */
  async call<R extends RouteDescriptor>(
    route: R,
    input: CallInput<R>,
    options: RequestOptions = {},
  ): Promise<RouteResult<R>> {
    options.signal?.throwIfAborted();
    const path = routePath(route.path, (input.params ?? {}) as Record<string, string>);
    const request: RequestInfo = {
      method: route.method.toUpperCase(),
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${path}`,
    };
    const searchParams = searchParamsOf(input.query);
    const schema = route.response.schema;
    let text: string;
    try {
      const sent = this.#ky(path.replace(/^\//, ''), {
        method: route.method,
        ...(input.body !== undefined ? { json: input.body } : {}),
        ...(searchParams ? { searchParams } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      });
      const response = await abortable(sent, options.signal);
      if (!schema) return undefined as RouteResult<R>;
      text = await abortable(response.text(), options.signal);
    } catch (error) {
      // Aborted by the caller: reject as fetch does, with the signal's reason.
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (isHTTPError(error)) throw toApiError(error, request);
      throw new ConnectionError(request, error);
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
}
