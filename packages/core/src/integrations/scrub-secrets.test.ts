import { describe, expect, it } from 'vitest';
import { scrubSecrets, secretValues } from './scrub-secrets.js';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('scrubSecrets (I4, I5, issue 17)', () => {
  it('removes the whole secret and any fragment of 8 characters or more', () => {
    expect(scrubSecrets(`bad secret ${secret}.`, [secret])).toBe('bad secret ***.');
    expect(scrubSecrets(`prefix ${secret.slice(0, 24)}… refused`, [secret])).toBe(
      'prefix ***… refused',
    );
    expect(scrubSecrets(`middle ${secret.slice(9, 17)} here`, [secret])).toBe('middle *** here');
    // Seven characters are too few to tell anything, and would match ordinary words.
    expect(scrubSecrets(`short ${secret.slice(0, 7)}`, [secret])).toBe(
      `short ${secret.slice(0, 7)}`,
    );
  });

  it('removes the secret and its fragments in base64, base64url, URL and JSON encodings', () => {
    const base64 = Buffer.from(secret).toString('base64');
    const fragmentBase64 = Buffer.from(secret.slice(5, 29)).toString('base64');
    for (const echoed of [
      base64,
      fragmentBase64,
      Buffer.from(secret).toString('base64url'),
      encodeURIComponent(secret),
      JSON.stringify({ secret }),
    ]) {
      const scrubbed = scrubSecrets(`echo: ${echoed} end`, [secret]);
      expect(scrubbed).toMatch(/^echo: .*\*\*\*.* end$/);
      expect(scrubbed).not.toContain(secret.slice(0, 8));
      // Nothing long enough to matter is left of the encoded form either.
      expect(scrubbed.replace(/\*\*\*/g, ' ')).not.toMatch(/[A-Za-z0-9+/%_-]{12}/);
    }
  });

  it('matches whatever the case, and leaves other text alone', () => {
    expect(scrubSecrets(`upper ${secret.toUpperCase()}`, [secret])).toBe('upper ***');
    expect(scrubSecrets('connect ECONNREFUSED 127.0.0.1:9', [secret])).toBe(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('removes short secrets whole, ignores tiny ones, and caps the length', () => {
    expect(scrubSecrets('token abc123 refused', ['abc123'])).toBe('token *** refused');
    expect(scrubSecrets('a b c', ['b'])).toBe('a b c');
    expect(scrubSecrets('x'.repeat(600), [])).toHaveLength(500);
  });
});

describe('secretValues', () => {
  it('reads the strings at the dotted secret paths of a configuration', () => {
    const config = { secret: 's3cr3t-value', serviceAccount: { private_key: 'PEM' }, other: 1 };
    expect(secretValues(config, ['secret', 'serviceAccount.private_key', 'missing.path'])).toEqual([
      's3cr3t-value',
      'PEM',
    ]);
  });
});
