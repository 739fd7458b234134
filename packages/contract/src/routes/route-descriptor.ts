import type { z } from 'zod';
import type { ErrorCode } from '../error-codes.js';

/** The HTTP methods the API uses, lower-case as OpenAPI writes them. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, a signed-in user of an account, or the platform operator. */
export type Access = 'public' | 'user' | 'operator';

/**
 * One route of the API, described once: the server registers its handler and documents it
 * (OpenAPI) from this, and the client builds its call from it, so the three cannot drift.
 * Plain data and zod schemas only.
 *
 * @example
 * const route: RouteDescriptor = userRoutes.getUser; // { method: 'get', path: '/v1/users/{id}', … }
 */
export interface RouteDescriptor {
  method: HttpMethod;
  /** OpenAPI-style path: `/v1/operator/accounts/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  /** Documented as admin-only; the core enforces it. */
  adminOnly?: boolean;
  /** The query parameters (all optional strings on the wire). */
  query?: z.ZodType;
  /** The JSON body. */
  body?: z.ZodType;
  /**
   * The route answers or changes one resource that has a version (C1): its answer sends
   * `ETag`; a `GET` honours `If-None-Match` (304), a `PATCH` or `DELETE` honours `If-Match` (412).
   */
  versioned?: boolean;
  /**
   * The success answer carries a secret shown once (a token, a signing secret). Kept for an
   * `Idempotency-Key`, such an answer is sealed under the key ring, never stored in clear (C2).
   */
  answerHoldsSecret?: boolean;
  /**
   * The success answer is a file, streamed as an attachment (`Content-Disposition`) in one
   * of these media types instead of JSON (an export); `response.schema` is then absent.
   */
  download?: DownloadAnswer;
  /** The success answer; no `schema` means no body the client reads. */
  response: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType };
  /**
   * Error codes this route may answer with, besides those every route of its shape can
   * (validation, body size and type, authentication, faults: see `routeErrorCodes`).
   */
  errors: readonly ErrorCode[];
}

/** A file answer: each media type it may come in, what it holds, and its records' schema. */
export interface DownloadAnswer {
  mediaTypes: Readonly<
    Record<
      string,
      {
        description: string;
        /** The schema of one line, for a format of one JSON value per line (NDJSON). */
        lineSchema?: z.ZodType;
      }
    >
  >;
}

/**
 * Keeps a descriptor's literal types (path, schemas) for the server's handlers and the
 * client's calls. @example export const healthRoute = defineRoute({ method: 'get', path: '/healthz', … });
 */
export function defineRoute<const R extends RouteDescriptor>(route: R): R {
  return route;
}

type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** The path parameters of a route: `RouteParams<typeof userRoutes.getUser>` is `{ id: string }`. */
export type RouteParams<R extends RouteDescriptor> = { [Name in ParamNames<R['path']>]: string };

/** The query a caller gives (the schema's input), or `undefined` for a route without one. */
export type RouteQuery<R extends RouteDescriptor> = R extends { query: infer Q extends z.ZodType }
  ? z.input<Q>
  : undefined;

/** The body a caller sends (the schema's input), or `undefined` for a route without one. */
export type RouteBody<R extends RouteDescriptor> = R extends { body: infer B extends z.ZodType }
  ? z.input<B>
  : undefined;

/** What a route answers, as parsed by its response schema; `undefined` when it has none. */
export type RouteResult<R extends RouteDescriptor> = R extends {
  response: { schema: infer S extends z.ZodType };
}
  ? z.output<S>
  : undefined;

/**
 * The names of a path's parameters, in order.
 *
 * @example pathParameterNames('/v1/users/{id}/password-reset') // ['id']
 */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string);
}

/**
 * The concrete path of a route: each `{name}` replaced by its parameter, URI-encoded.
 *
 * @example routePath('/v1/users/{id}', { id: 'usr_1' }) // '/v1/users/usr_1'
 */
export function routePath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}
