import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { randomPoolBytes } from '../shared/random-pool.js';

/** A sealed secret: which key sealed it, and `nonce ‖ tag ‖ ciphertext` in base64. */
export interface SealedSecret {
  keyId: string;
  sealed: string;
}

/**
 * Encrypts integration secrets (I4). `seal` always uses the newest key; `open` takes the
 * key named in the sealed secret and fails — naming the key id — when the ring lacks it.
 * Both bind `context` as associated data: a secret opened with another context fails.
 */
export interface KeyRing {
  /** The id of the key `seal` uses. */
  readonly currentKeyId: string;
  seal(plaintext: string, context: string): SealedSecret;
  open(secret: SealedSecret, context: string): string;
}

const nonceBytes = 12;
const tagBytes = 16;

/**
 * A key ring of AES-256-GCM keys, e.g. from `SWITCHBOARD_SECRET_KEYS=k2:base64,k1:base64`:
 * the first key seals, every key opens. Each seal draws a fresh 96-bit nonce.
 *
 * @example createSwitchboard({ database, keyRing: keyRingFromString(process.env.SWITCHBOARD_SECRET_KEYS) })
 */
export function keyRingFromString(spec: string): KeyRing {
  // Imported once as key objects: a raw Buffer is imported again by every cipher.
  const keys = new Map<string, KeyObject>();
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !/^[\w.-]{1,64}$/.test(id))
      throw new Error(`Key ring entry "${id || entry.slice(0, 8)}…" needs the form id:base64key`);
    if (key.length !== 32)
      throw new Error(`Key "${id}" must be 32 bytes (base64 of 256 bits), got ${key.length}`);
    if (keys.has(id)) throw new Error(`Key "${id}" appears twice in the key ring`);
    keys.set(id, createSecretKey(key));
  }
  const currentKeyId = keys.keys().next().value;
  if (currentKeyId === undefined)
    throw new Error('The key ring is empty: give at least one id:base64key');
  return {
    currentKeyId,
    seal(plaintext, context) {
      const key = keys.get(currentKeyId) as KeyObject;
      // A fresh random nonce, from the pooled CSPRNG bytes (each byte handed out once).
      const nonce = randomPoolBytes(nonceBytes);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        keyId: currentKeyId,
        sealed: Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64'),
      };
    },
    open({ keyId, sealed }, context) {
      const key = keys.get(keyId);
      if (!key)
        throw new Error(`This secret was sealed with key "${keyId}", which is not in the key ring`);
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, nonceBytes));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(nonceBytes, nonceBytes + tagBytes));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(nonceBytes + tagBytes)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new Error(
          `A secret sealed with key "${keyId}" failed to open: it was altered or belongs to another row`,
        );
      }
    },
  };
}

/** A new random key ring entry, `id:base64key`, for `SWITCHBOARD_SECRET_KEYS`. */
export function newKeyRingEntry(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
