import { describe, expect, it } from 'vitest';
import { keyRingFromString, newKeyRingEntry } from './key-ring.js';

describe('keyRingFromString (I4)', () => {
  const ring = keyRingFromString(`${newKeyRingEntry('k2')},${newKeyRingEntry('k1')}`);

  it('seals with the first key and opens what it sealed', () => {
    const secret = ring.seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'acc_1:int_1:s3');
    expect(secret.keyId).toBe('k2');
    expect(secret.sealed).not.toContain('wJalr');
    expect(ring.open(secret, 'acc_1:int_1:s3')).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  it('draws a fresh nonce for every seal', () => {
    expect(ring.seal('same', 'ctx').sealed).not.toBe(ring.seal('same', 'ctx').sealed);
  });

  it('refuses to open under another context: a ciphertext moved to another row fails', () => {
    const secret = ring.seal('secret', 'acc_1:int_1:s3');
    expect(() => ring.open(secret, 'acc_1:int_2:s3')).toThrow(/altered or belongs to another row/);
  });

  it('refuses a tampered ciphertext', () => {
    const secret = ring.seal('secret', 'ctx');
    const bytes = Buffer.from(secret.sealed, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => ring.open({ ...secret, sealed: bytes.toString('base64') }, 'ctx')).toThrow();
  });

  it('opens secrets of older keys, and names a key it does not have', () => {
    const old = keyRingFromString(newKeyRingEntry('k0'));
    const secret = old.seal('secret', 'ctx');
    expect(() => ring.open(secret, 'ctx')).toThrow(/key "k0", which is not in the key ring/);
  });

  it('refuses malformed rings', () => {
    expect(() => keyRingFromString('')).toThrow(/empty/);
    expect(() => keyRingFromString('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => keyRingFromString('nocolon')).toThrow(/id:base64key/);
  });
});
