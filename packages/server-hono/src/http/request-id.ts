import { randomUUID } from 'node:crypto';

const acceptable = /^[\w.-]{1,100}$/;

/** The caller's `x-request-id` when it is sane, else a new one. */
export function requestIdFor(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && acceptable.test(given) ? given : randomUUID();
}
