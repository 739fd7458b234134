import { randomUUID } from 'node:crypto';

const acceptable = /^[\w.-]{1,100}$/;

/** The caller's `x-request-id` header value when it is sane, else a new id. */
export function requestIdFor(given: string | undefined): string {
  return given && acceptable.test(given) ? given : randomUUID();
}
