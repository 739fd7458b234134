import type { ErrorCode } from '@switchboard/contract';
import type { Actor, Switchboard } from '@switchboard/core';
import type { Context } from 'hono';
import type { z } from 'zod';

/** Who may call a route: anyone, a signed-in user of an account, or the platform operator. */
export type Access = 'public' | 'user' | 'operator';

/** What a handler gets: the parsed request and the caller. */
export interface RouteInput {
  switchboard: Switchboard;
  /** Path parameters, e.g. `{ id: 'acc_…' }`. */
  params: Record<string, string>;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /**
   * The JSON body (`validation_failed` when it is not JSON), typed as the service expects:
   * the core validates it against the contract schema, so it is not checked here.
   */
  body<T>(): Promise<T>;
  /** The signed-in user (routes with access `user`). */
  actor(): Actor;
  /** Where the request came from, for rate limits. */
  origin: { clientAddress: string };
  context: Context;
}

/**
 * One HTTP route, described once: the app registers it and the OpenAPI document lists it,
 * so the two cannot drift. Handlers only parse, call one service method and return the body.
 */
export interface RouteDefinition {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path: `/v1/operator/accounts/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  /** Documented as admin-only; the core enforces it. */
  adminOnly?: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  response: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType };
  /** Error codes this route may answer with, besides validation and authentication. */
  errors: readonly ErrorCode[];
  handle(input: RouteInput): Promise<unknown>;
}

/** Identity helper that keeps route literals typed. */
export function defineRoutes(routes: RouteDefinition[]): RouteDefinition[] {
  return routes;
}
