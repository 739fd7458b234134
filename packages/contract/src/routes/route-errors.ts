import type { ErrorCode } from '../error-codes.js';
import { pathParameterNames, type RouteDescriptor } from './route-descriptor.js';
import { acceptsIdempotencyKey, honoursIfMatch } from './write-safety.js';

/**
 * Every error code a route can answer with: its own `errors` and those that come with its
 * shape. A body, a query or a path parameter can be `validation_failed`; a body can also be
 * `payload_too_large` or, sent as anything but JSON, `unsupported_media_type`; a route for
 * a signed-in user or the operator can be `unauthenticated`; a `PATCH` or `DELETE` of a
 * versioned resource can be `precondition_failed` or `precondition_required` (C1); a `POST`
 * taking an idempotency key can be `idempotency_key_reused` or `idempotency_key_in_use` (C2);
 * and any route can meet a fault
 * (`internal`) or a database or dependency that is briefly down (`unavailable`).
 *
 * @example routeErrorCodes(userRoutes.getUser) // ['forbidden', 'not_found', 'validation_failed', …]
 */
export function routeErrorCodes(route: RouteDescriptor): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.body || route.query || pathParameterNames(route.path).length > 0)
    codes.add('validation_failed');
  if (route.body) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (route.access !== 'public') codes.add('unauthenticated');
  if (honoursIfMatch(route)) {
    codes.add('precondition_failed');
    codes.add('precondition_required');
  }
  if (acceptsIdempotencyKey(route)) {
    codes.add('validation_failed');
    codes.add('idempotency_key_reused');
    codes.add('idempotency_key_in_use');
  }
  codes.add('internal');
  codes.add('unavailable');
  return [...codes];
}
