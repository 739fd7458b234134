import { describe, expect, it } from 'vitest';
import {
  acceptsIdempotencyKey,
  etagOf,
  honoursIfMatch,
  idempotencyKeySchema,
  isKeptStatus,
  versionOfEtag,
} from './write-safety.js';

describe('versions as entity tags (C1)', () => {
  it('writes a version as a strong tag and reads it back', () => {
    expect(etagOf(3)).toBe('"3"');
    expect(versionOfEtag(etagOf(42))).toBe(42);
    expect(versionOfEtag(' "7" ')).toBe(7);
    expect(versionOfEtag('*')).toBe('*');
  });

  it.each(['W/"3"', '3', '"03"', '"0"', '"3", "4"', '""', '"abc"'])(
    'matches nothing with %s',
    (tag) => {
      expect(versionOfEtag(tag)).toBeNull();
    },
  );

  it('honours If-Match on PATCH and DELETE of versioned routes only', () => {
    expect(honoursIfMatch({ method: 'patch', versioned: true })).toBe(true);
    expect(honoursIfMatch({ method: 'delete', versioned: true })).toBe(true);
    expect(honoursIfMatch({ method: 'get', versioned: true })).toBe(false);
    expect(honoursIfMatch({ method: 'patch' })).toBe(false);
  });
});

describe('idempotency keys (C2)', () => {
  it('takes 1 to 255 printable ASCII characters', () => {
    expect(idempotencyKeySchema.safeParse('a').success).toBe(true);
    expect(idempotencyKeySchema.safeParse('0b6e4c1e-9f7a-4b1e-8d7e-2c3f4a5b6c7d').success).toBe(
      true,
    );
    expect(idempotencyKeySchema.safeParse('k'.repeat(255)).success).toBe(true);
    for (const bad of ['', 'k'.repeat(256), 'clé', 'tab\there', ' leading', 'trailing '])
      expect(idempotencyKeySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('is taken by every POST under /v1 but /v1/auth/*', () => {
    expect(acceptsIdempotencyKey({ method: 'post', path: '/v1/users' })).toBe(true);
    expect(acceptsIdempotencyKey({ method: 'post', path: '/v1/operator/accounts' })).toBe(true);
    expect(acceptsIdempotencyKey({ method: 'post', path: '/v1/auth/login' })).toBe(false);
    expect(acceptsIdempotencyKey({ method: 'patch', path: '/v1/users/{id}' })).toBe(false);
    expect(acceptsIdempotencyKey({ method: 'post', path: '/healthz' })).toBe(false);
    expect(acceptsIdempotencyKey({ method: 'post', path: '/v1/scim-tokens' })).toBe(true);
  });

  it('keeps every answer but 400, 401, 403, 413, 429 and 5xx', () => {
    for (const status of [200, 201, 202, 204, 404, 409, 412, 422])
      expect(isKeptStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 413, 429, 500, 503])
      expect(isKeptStatus(status)).toBe(false);
  });
});
