import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { SwitchboardError } from '../errors/switchboard-error.js';

/** scrypt cost parameters. ASVS 5 appendix C: N = 2^17, r = 8, p = 1. */
export interface ScryptParameters {
  logN: number;
  r: number;
  p: number;
}

export const asvsScrypt: ScryptParameters = { logN: 17, r: 8, p: 1 };

const keyLength = 32;

function derive(password: string, salt: Buffer, { logN, r, p }: ScryptParameters): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** D1: 12..256 characters (code points), never truncated. Throws `weak_password`. */
export function assertPasswordAcceptable(password: string, path = 'password'): void {
  const length = [...password].length;
  if (length < 12 || length > 256) {
    throw new SwitchboardError('weak_password', 'Passwords are 12 to 256 characters long', {
      issues: [
        { path, message: length < 12 ? 'At least 12 characters' : 'At most 256 characters' },
      ],
    });
  }
}

/**
 * Hashes and verifies passwords with scrypt. Each hash carries its parameters
 * (`scrypt$17$8$1$salt$key`), so raising the cost upgrades old hashes at the next sign-in.
 */
export class PasswordHasher {
  readonly parameters: ScryptParameters;
  #dummy: Promise<string> | undefined;
  /** At ASVS cost each hash takes 128 MiB: at most this many run at once; the rest queue. */
  readonly #slots: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(parameters: ScryptParameters = asvsScrypt, maxConcurrent = 2) {
    this.parameters = parameters;
    this.#slots = maxConcurrent;
  }

  /** How many hashes are running and how many wait for a slot (for metrics). */
  get load(): { running: number; queued: number } {
    return { running: this.#running, queued: this.#waiting.length };
  }

  async #derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
    if (this.#running >= this.#slots)
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    try {
      return await derive(password, salt, parameters);
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.#derive(password, salt, this.parameters);
    const { logN, r, p } = this.parameters;
    return `scrypt$${logN}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /** True when the password matches; compares in constant time. A malformed hash never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (!parsed) return false;
    const key = await this.#derive(password, parsed.salt, parsed.parameters);
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  }

  /** True when a hash was made with other parameters than today's and should be redone. */
  needsRehash(stored: string): boolean {
    const parsed = parseHash(stored);
    if (!parsed) return true;
    const { logN, r, p } = parsed.parameters;
    return logN !== this.parameters.logN || r !== this.parameters.r || p !== this.parameters.p;
  }

  /** Spends the time of one verification, so a sign-in for an unknown email is not faster. */
  async burn(password: string): Promise<void> {
    this.#dummy ??= this.hash('not a real password, only for timing');
    await this.verify(password, await this.#dummy);
  }
}

function parseHash(
  stored: string,
): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (!logN || !r || !p || logN > 22) return null;
  return {
    parameters: { logN, r, p },
    salt: Buffer.from(parts[4] ?? '', 'base64'),
    key: Buffer.from(parts[5] ?? '', 'base64'),
  };
}
