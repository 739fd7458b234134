import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { assertPasswordAcceptable, asvsScrypt, PasswordHasher } from './password-hasher.js';

describe('PasswordHasher (D1)', () => {
  const fast = new PasswordHasher({ logN: 10, r: 8, p: 1 });

  it('defaults to the ASVS 5 scrypt parameters N=2^17, r=8, p=1 and stores them with the hash', async () => {
    expect(asvsScrypt).toEqual({ logN: 17, r: 8, p: 1 });
    const hash = await new PasswordHasher().hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w+/=]{24}\$[\w+/=]{44}$/);
    expect(await new PasswordHasher().verify('correct horse battery', hash)).toBe(true);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await fast.hash('correct horse battery');
    expect(await fast.verify('correct horse battery', hash)).toBe(true);
    expect(await fast.verify('correct horse batterY', hash)).toBe(false);
  });

  it('never truncates: passwords differing only after 72 characters differ', async () => {
    const base = 'a'.repeat(100);
    const hash = await fast.hash(`${base}1`);
    expect(await fast.verify(`${base}2`, hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await fast.hash('same password here')).not.toBe(await fast.hash('same password here'));
  });

  it('asks to rehash a hash made with other parameters, and verifies it with its own', async () => {
    const old = await fast.hash('correct horse battery');
    const current = new PasswordHasher({ logN: 11, r: 8, p: 1 });
    expect(current.needsRehash(old)).toBe(true);
    expect(await current.verify('correct horse battery', old)).toBe(true);
    expect(current.needsRehash(await current.hash('x'.repeat(12)))).toBe(false);
  });

  it('runs at most the given number of hashes at once, queueing the rest', async () => {
    const one = new PasswordHasher({ logN: 10, r: 8, p: 1 }, 1);
    const hashes = Promise.all(
      ['password one!!', 'password two!!', 'password three'].map((p) => one.hash(p)),
    );
    expect(one.load).toEqual({ running: 1, queued: 2 });
    const [, second] = await hashes;
    expect(one.load).toEqual({ running: 0, queued: 0 });
    expect(await one.verify('password two!!', second ?? '')).toBe(true);
  });

  it('never matches a malformed hash', async () => {
    expect(await fast.verify('anything at all', 'plain-text')).toBe(false);
    expect(await fast.verify('anything at all', 'scrypt$99$8$1$aa$bb')).toBe(false);
  });
});

describe('assertPasswordAcceptable (D1)', () => {
  it('accepts 12 to 256 characters, counted as code points', () => {
    expect(() => assertPasswordAcceptable('x'.repeat(12))).not.toThrow();
    expect(() => assertPasswordAcceptable('😀'.repeat(256))).not.toThrow();
  });
  it.each([
    ['11 characters', 'x'.repeat(11)],
    ['257 characters', 'x'.repeat(257)],
  ])('refuses %s with weak_password', (_, password) => {
    let error: unknown;
    try {
      assertPasswordAcceptable(password);
    } catch (e) {
      error = e;
    }
    expect(isSwitchboardError(error, 'weak_password')).toBe(true);
  });
});
