import { type FieldIssue, pathIdSchema, pathParameterNames } from '@switchboard/contract';
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
 * request (its path parameters checked, its body read on demand under the size limit), and
 * answers with the route's success status. Errors go to the app's `onError`.
 */
export function routeResponder(
  route: RouteDefinition,
  options: RouteResponderOptions,
): (c: Context) => Promise<Response> {
  const { switchboard, maxBodyBytes, trustProxy } = options;
  const { status } = route.response;
  const parameterNames = pathParameterNames(route.path);
  return async (c) => {
    const actor = await options.authorize(route, c);
    const input: RouteInput = {
      switchboard,
      params: parameterNames.length === 0 ? {} : pathParameters(c, parameterNames),
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

/**
 * The route's path parameters (decoded), each checked with the contract's `pathIdSchema`:
 * `validation_failed` naming the parameter for an empty, overlong one or one with control
 * characters (`%00`), before any database sees it (PostgreSQL refuses NUL in text). A
 * well-formed id that names nothing stays the service's 404.
 */
function pathParameters(c: Context, names: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const name of names) {
    const value = c.req.param(name) ?? '';
    const parsed = pathIdSchema.safeParse(value);
    if (parsed.success) params[name] = parsed.data;
    else issues.push({ path: name, message: parsed.error.issues[0]?.message ?? 'Not valid' });
  }
  if (issues.length > 0) {
    const named = issues.map((issue) => `"${issue.path}"`).join(', ');
    throw new SwitchboardError('validation_failed', `The path parameter ${named} is not valid`, {
      issues,
    });
  }
  return params;
}
