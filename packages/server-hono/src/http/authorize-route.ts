import type { RouteDescriptor } from '@switchboard/contract';
import {
  type Actor,
  type OperatorActor,
  operatorActor,
  type Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import type { Context } from 'hono';
import { bearerToken, secretsEqual } from './bearer-token.js';

export interface AuthorizeOptions {
  operatorToken?: string | undefined;
  authenticate?: ((request: Request) => Actor | null | Promise<Actor | null>) | undefined;
}

/**
 * Decides who calls a route by its `access`: nobody in particular (`public`), a signed-in
 * user (`user`: their actor, else `unauthenticated`) or the operator (`operator`: the
 * operator's actor for the operator token, compared in constant time; a signed-in user gets
 * `forbidden`).
 */
export function routeAuthorizer(
  switchboard: Switchboard,
  options: AuthorizeOptions,
): (route: RouteDescriptor, c: Context) => Promise<Actor | OperatorActor | null> {
  /** The caller's actor; `token` is the request's bearer token, read once by the caller. */
  const authenticate = (c: Context, token: string | null): Actor | null | Promise<Actor | null> => {
    if (options.authenticate) return options.authenticate(c.req.raw);
    return token ? switchboard.identity.authenticate(token) : null;
  };
  const signInHint = options.authenticate
    ? 'Sign in first'
    : 'Sign in first: send Authorization: Bearer <token>';

  return async (route, c) => {
    if (route.access === 'public') return null;
    const token = bearerToken(c.req.header('authorization'));
    if (route.access === 'operator') {
      if (token && options.operatorToken && secretsEqual(token, options.operatorToken)) {
        return operatorActor();
      }
      const user = token === null ? null : await authenticate(c, token);
      if (user) throw new SwitchboardError('forbidden', 'Only the platform operator may do this');
      throw new SwitchboardError('unauthenticated', 'Operator token required');
    }
    const actor = await authenticate(c, token);
    if (!actor) throw new SwitchboardError('unauthenticated', signInHint);
    return actor;
  };
}
