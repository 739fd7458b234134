import { type Problem, problemSchema } from '@switchboard/contract';
import ky, { type HTTPError, isHTTPError, type KyInstance, type ShouldRetryState } from 'ky';
import type { z } from 'zod';
import { apiErrorClassFor } from '../errors/api-error-kinds.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ResponseShapeError } from '../errors/response-shape-error.js';
import type { RequestInfo, SwitchboardApiError } from '../errors/switchboard-api-error.js';

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
   * Retries for GET, PUT and DELETE on 408, 429 and 5xx; never for POST or PATCH. Default 2.
   * A `Retry-After` of up to 10 s is waited out; a longer one is thrown at once, with `retryAfter`.
   */
  retry?: number | undefined;
  /** Milliseconds per attempt. Default 10000. */
  timeoutMs?: number | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface CallOptions {
  json?: unknown;
  searchParams?: Record<string, string | number | undefined>;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function problemOf(error: HTTPError): Problem {
  const parsed = problemSchema.safeParse(error.data);
  if (parsed.success) return parsed.data;
  const status = error.response.status;
  const text = typeof error.data === 'string' ? error.data.trim().slice(0, 200) : '';
  return {
    type: 'about:blank',
    title: error.response.statusText || `HTTP ${status}`,
    status,
    code:
      status >= 500 ? ([502, 503, 504].includes(status) ? 'unavailable' : 'internal') : 'unknown',
    detail: text || `The server answered ${status} without a problem description`,
  };
}

/** The longest `Retry-After` worth waiting for inside one call; past it the caller decides. */
const longestRetryWaitSeconds = 10;

/** Vetoes a retry the server asked to postpone too long; otherwise ky's own rules decide. */
function shouldRetry({ error }: ShouldRetryState): false | undefined {
  if (!isHTTPError(error)) return undefined;
  const wait = retryAfterSeconds(error.response.headers.get('retry-after'));
  return wait !== undefined && wait > longestRetryWaitSeconds ? false : undefined;
}

/** Turns ky's HTTPError into the matching SwitchboardApiError subclass. */
export function toApiError(error: HTTPError, request: RequestInfo): SwitchboardApiError {
  const problem = problemOf(error);
  const ErrorClass = apiErrorClassFor(error.response.status);
  return new ErrorClass({
    status: error.response.status,
    problem,
    requestId: error.response.headers.get('x-request-id') ?? problem.requestId,
    retryAfter: retryAfterSeconds(error.response.headers.get('retry-after')),
    request,
  });
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
        ...options.headers,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      retry: {
        limit: options.retry ?? 2,
        methods: ['get', 'put', 'delete'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        backoffLimit: 5_000,
        shouldRetry,
      },
    });
  }

  /** Calls the API and parses the answer with `schema`; resolves undefined for 202/204. */
  async call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    options?: CallOptions,
  ): Promise<z.output<S>>;
  async call(
    method: Method,
    path: string,
    schema?: undefined,
    options?: CallOptions,
  ): Promise<undefined>;
  async call(
    method: Method,
    path: string,
    schema?: z.ZodType,
    options: CallOptions = {},
  ): Promise<unknown> {
    const request: RequestInfo = {
      method: method.toUpperCase(),
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${path}`,
    };
    const searchParams = Object.fromEntries(
      Object.entries(options.searchParams ?? {}).filter(
        (entry): entry is [string, string | number] => entry[1] !== undefined,
      ),
    );
    let text: string;
    try {
      const response = await this.#ky(path.replace(/^\//, ''), {
        method,
        ...(options.json !== undefined ? { json: options.json } : {}),
        ...(Object.keys(searchParams).length ? { searchParams } : {}),
      });
      if (!schema) return undefined;
      text = await response.text();
    } catch (error) {
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
    return parsed.data;
  }
}
