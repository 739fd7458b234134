import type { Hono } from 'hono';
import { problemResponse } from './problem-response.js';
import { registerRoute } from './register-route.js';
import { type RequestIdEnv, requestIdOf } from './request-id.js';

/** The methods a path of the API is answered 405 for when it has no route for them. */
const answeredMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The `Allow` header of a path with routes for `methods`: them in a fixed order, with
 * `HEAD` wherever `GET` is (Hono answers HEAD with the GET route).
 *
 * @example allowHeader(['patch', 'get']) // 'GET, HEAD, PATCH'
 */
export function allowHeader(methods: readonly string[]): string {
  const upper = new Set(methods.map((method) => method.toUpperCase()));
  if (upper.has('GET')) upper.add('HEAD');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return [...upper]
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .join(', ');
}

/**
 * Registers, on a path that has routes for `methods`, a `405 method_not_allowed` answer
 * with `Allow` for each other usual method (GET, POST, PUT, PATCH, DELETE; a HEAD without
 * a GET route too, as Hono routes HEAD to GET). These are ordinary routes, so the app keeps
 * no middleware and every route stays on Hono's fast path; the `Allow` value is computed
 * once, here. OPTIONS stays with the host app (CORS), so it is not answered.
 *
 * @example registerMethodNotAllowed(app, '/v1/account', ['get', 'patch']); // PUT → 405, Allow: GET, HEAD, PATCH
 */
export function registerMethodNotAllowed(
  app: Hono<RequestIdEnv>,
  path: string,
  methods: readonly string[],
): void {
  const allow = allowHeader(methods);
  const given = new Set(methods.map((method) => method.toUpperCase()));
  for (const method of answeredMethods) {
    if (given.has(method)) continue;
    registerRoute(app, method, path, (c) =>
      problemResponse(
        'method_not_allowed',
        `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow}`,
        { requestId: requestIdOf(c), headers: { allow } },
      ),
    );
  }
}
