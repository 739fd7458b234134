import { type Problem, problemSchema } from '@switchboard/core/contract';
import ky, { HTTPError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { apiErrorClassFor } from '../errors/api-error-kinds.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ResponseShapeError } from '../errors/response-shape-error.js';
import type { SwitchboardApiError } from '../errors/switchboard-api-error.js';

export interface TransportOptions {
  baseUrl: string;
  token?: string | undefined;
  fetch?: ((input: Request | URL | string, init?: RequestInit) => Promise<Response>) | undefined;
  /** Retries for GET, PUT and DELETE on 408, 429 and 5xx; never for POST or PATCH. Default 2. */
  retry?: number | undefined;
  /** Milliseconds per attempt. Default 10000. */
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface CallOptions {
  json?: unknown;
  searchParams?: Record<string, string | number | undefined>;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
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

/** Turns ky's HTTPError into the matching SwitchboardApiError subclass. */
export function toApiError(
  error: HTTPError,
  request: { method: string; url: string },
): SwitchboardApiError {
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
    this.#ky = ky.create({
      prefix: options.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
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
    const request = {
      method: method.toUpperCase(),
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${path}`,
    };
    const searchParams = Object.fromEntries(
      Object.entries(options.searchParams ?? {}).filter(
        (entry): entry is [string, string | number] => entry[1] !== undefined,
      ),
    );
    let body: unknown;
    try {
      const response = await this.#ky(path.replace(/^\//, ''), {
        method,
        ...(options.json !== undefined ? { json: options.json } : {}),
        ...(Object.keys(searchParams).length ? { searchParams } : {}),
      });
      if (!schema) return undefined;
      body = await response.json();
    } catch (error) {
      if (error instanceof HTTPError) throw toApiError(error, request);
      throw new ConnectionError(request, error);
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
