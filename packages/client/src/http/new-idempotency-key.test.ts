import { afterEach, describe, expect, it, vi } from 'vitest';
import { newIdempotencyKey } from './new-idempotency-key.js';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a random UUID', () => {
    const keys = Array.from({ length: 20 }, () => newIdempotencyKey());
    for (const key of keys) expect(key).toMatch(uuidV4);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is a version-4 UUID also where crypto.randomUUID is missing (a page on plain http)', () => {
    const { crypto } = globalThis;
    vi.stubGlobal('crypto', {
      getRandomValues: <T extends Uint8Array>(a: T) => crypto.getRandomValues(a),
    });
    const keys = Array.from({ length: 20 }, () => newIdempotencyKey());
    for (const key of keys) expect(key).toMatch(uuidV4);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
