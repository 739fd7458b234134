import { z } from 'zod';
import type { RouteDescriptor } from './route-descriptor.js';

/**
 * An `Idempotency-Key`: 1 to 255 printable ASCII characters (C2).
 *
 * @example idempotencyKeySchema.parse(crypto.randomUUID())
 */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e][\x20-\x7e]{0,254}$/, 'Expected 1 to 255 printable ASCII characters')
  .refine((key) => !key.endsWith(' '), 'Expected no trailing space');

/**
 * True when the route takes an `Idempotency-Key`: every `POST` under `/v1` but `/v1/auth/*`
 * (C2). An answer that shows a secret once is kept sealed under the key ring.
 */
export function acceptsIdempotencyKey(route: Pick<RouteDescriptor, 'method' | 'path'>): boolean {
  return (
    route.method === 'post' && route.path.startsWith('/v1/') && !route.path.startsWith('/v1/auth/')
  );
}

/**
 * True when an answer of this status is kept for its idempotency key and replayed (API.md):
 * all but 400, 401, 403, 413, 429 and 5xx, after which the same key may run the request again.
 *
 * @example isKeptStatus(201) // true; isKeptStatus(503) // false
 */
export function isKeptStatus(status: number): boolean {
  return ![400, 401, 403, 413, 429].includes(status) && status < 500;
}

/** True when the route changes a versioned resource and so honours `If-Match` (C1). */
export function honoursIfMatch(route: Pick<RouteDescriptor, 'method' | 'versioned'>): boolean {
  return route.versioned === true && (route.method === 'patch' || route.method === 'delete');
}

/**
 * The ETag of a resource's version: a strong, quoted entity tag.
 *
 * @example etagOf(3) // '"3"'
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` or `If-None-Match` entity tag names, `'*'` for any, or null when
 * it names no version of ours (a weak tag `W/"3"`, a malformed one): it then matches nothing.
 *
 * @example versionOfEtag('"3"') // 3
 */
export function versionOfEtag(tag: string): number | '*' | null {
  const trimmed = tag.trim();
  if (trimmed === '*') return '*';
  const match = /^"([1-9][0-9]{0,14})"$/.exec(trimmed);
  return match ? Number(match[1]) : null;
}
