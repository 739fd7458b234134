import { randomPoolBytes } from './random-pool.js';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** Prefixes of Switchboard's opaque ids. */
export type IdPrefix =
  | 'acc'
  | 'usr'
  | 'tok'
  | 'evt'
  | 'mail'
  | 'ses'
  | 'pn'
  | 'int'
  | 'chl'
  | 'sct'
  | 'whe'
  | 'whd'
  | 'wha';

/**
 * A new opaque id: the prefix, `_`, then 128 random bits in lower-case Crockford base32.
 *
 * @example newId('usr') // 'usr_8f3k2m…'
 */
export function newId(prefix: IdPrefix): string {
  const bytes = randomPoolBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return `${prefix}_${out}`;
}
