import type { RouteBody, RouteDescriptor, RouteParams } from '@switchboard/contract';
import type { Actor, OperatorActor, Switchboard, VersionCondition } from '@switchboard/core';
import type { Context } from 'hono';
import type { z } from 'zod';

/** What a handler gets: the parsed request and the caller. */
export interface RouteInput<R extends RouteDescriptor = RouteDescriptor> {
  switchboard: Switchboard;
  /** Path parameters, e.g. `{ id: 'acc_…' }`. */
  params: RouteParams<R>;
  /** Query parameters (last value wins); the core validates them. */
  query: Record<string, string>;
  /**
   * The JSON body (`validation_failed` when it is not JSON, `payload_too_large` past the
   * limit), typed as the route's schema takes it: the core validates it against that schema,
   * so it is not checked here.
   */
  body(): Promise<RouteBody<R>>;
  /** The signed-in user (routes with access `user`), with the request it acts in. */
  actor(): Actor;
  /** The platform operator (routes with access `operator`), with the request it acts in. */
  operator(): OperatorActor;
  /** The version a `PATCH` or `DELETE` names in `If-Match` (C1), for the service to check. */
  condition: VersionCondition | undefined;
  /** Where the request came from and its id, for rate limits and the audit log (anonymous calls). */
  origin: { clientAddress: string; requestId: string };
  context: Context;
}

/**
 * What a handler gives back: the response schema's input, the streamed `Response` of a
 * download, or anything for a route without a body.
 */
type RouteReply<R extends RouteDescriptor> = R extends { download: object }
  ? Response
  : R extends { response: { schema: infer S extends z.ZodType } }
    ? z.input<S>
    : unknown;

/** Parses nothing itself: calls one service method and shapes its answer. */
export type RouteHandler<R extends RouteDescriptor> = (
  input: RouteInput<R>,
) => Promise<RouteReply<R>> | RouteReply<R>;

/**
 * A handler whose route documents a body that depends on the app's core (the integration
 * services registered in it, say).
 */
export interface RouteHandlerWithBody<R extends RouteDescriptor> {
  handle: RouteHandler<R>;
  /** The body schema this app documents for the route, instead of the contract's. */
  bodyFor(switchboard: Switchboard): z.ZodType;
}

/** One handler per descriptor of an area, keyed like the area's descriptors. */
export type RouteHandlers<Routes extends Record<string, RouteDescriptor>> = {
  [K in keyof Routes]: RouteHandler<Routes[K]> | RouteHandlerWithBody<Routes[K]>;
};

/** A contract route with its handler: what the app registers and documents. */
export interface RouteDefinition extends RouteDescriptor {
  handle(input: RouteInput): unknown;
  bodyFor?(switchboard: Switchboard): z.ZodType;
}

/**
 * Joins an area's descriptors (from `@switchboard/contract`) with their handlers; the types
 * ask for exactly one handler per descriptor.
 *
 * @example
 * export const accountHandlers = handleRoutes(accountRoutes, {
 *   getAccount: ({ switchboard, actor }) => switchboard.account.get(actor()),
 *   updateAccount: async ({ switchboard, actor, body }) => switchboard.account.update(actor(), await body()),
 * });
 */
export function handleRoutes<Routes extends Record<string, RouteDescriptor>>(
  routes: Routes,
  handlers: RouteHandlers<Routes>,
): RouteDefinition[] {
  return Object.entries(routes).map(([key, route]) => {
    const handler = handlers[key as keyof Routes] as
      | RouteHandler<RouteDescriptor>
      | RouteHandlerWithBody<RouteDescriptor>;
    return typeof handler === 'function'
      ? { ...route, handle: handler }
      : { ...route, handle: handler.handle, bodyFor: handler.bodyFor };
  });
}
