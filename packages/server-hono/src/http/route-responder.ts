import type { Actor, Switchboard } from '@switchboard/core';
import { SwitchboardError } from '@switchboard/core';
import type { Context } from 'hono';
import { clientAddress } from './client-address.js';
import { readJsonBody } from './read-json-body.js';
import type { RouteDefinition, RouteInput } from './route-definition.js';

export interface RouteResponderOptions {
  switchboard: Switchboard;
  authorize(route: RouteDefinition, c: Context): Promise<Actor | null>;
  /** Largest accepted request body in bytes (`payload_too_large` past it). */
  maxBodyBytes: number;
  trustProxy: boolean;
}

/**
 * The Hono handler of one API route: authorizes the caller, hands the route's handler the
 * request (its body read on demand under the size limit), and answers with the route's
 * success status. Errors go to the app's `onError`.
 */
export function routeResponder(
  route: RouteDefinition,
  options: RouteResponderOptions,
): (c: Context) => Promise<Response> {
  const { switchboard, maxBodyBytes, trustProxy } = options;
  const { status } = route.response;
  return async (c) => {
    const actor = await options.authorize(route, c);
    const input: RouteInput = {
      switchboard,
      params: c.req.param() as Record<string, string>,
      query: c.req.query(),
      body: () => readJsonBody(c, maxBodyBytes) as Promise<undefined>,
      actor: () => {
        if (!actor) throw new SwitchboardError('unauthenticated');
        return actor;
      },
      origin: { clientAddress: clientAddress(c, trustProxy) },
      context: c,
    };
    const result = await route.handle(input);
    if (status === 204) return c.body(null, 204);
    return c.json(result, status);
  };
}
