import { isSwitchboardApiError } from '@switchboard/client';

/**
 * The `Idempotency-Key` of one form that creates something (C2), so that sending it twice
 * creates one thing. The key is made on the first submit and sent again on every re-submit
 * of the same values until an answer settles it: a success, or a refusal the API gave. While
 * no answer came (the connection dropped, the request is still running elsewhere), the same
 * values go with the same key, and the server replays the first request's answer instead
 * of creating a second. Changed values are another request and get a fresh key, as does
 * the form after `reset()` (open it again) or after an answer.
 *
 * @example
 * const key = new SubmissionKey();
 * const user = await key.send(input, (idempotencyKey) => client.users.add(input, { idempotencyKey }));
 */
export class SubmissionKey {
  readonly #newKey: () => string;
  #key: string | undefined;
  #body: string | undefined;

  constructor(newKey: () => string = randomKey) {
    this.#newKey = newKey;
  }

  /** The key the next submit of `body` sends: the held one for the same values, else a new one. */
  keyFor(body: unknown): string {
    const serialized = JSON.stringify(body);
    if (this.#key === undefined || serialized !== this.#body) {
      this.#key = this.#newKey();
      this.#body = serialized;
    }
    return this.#key;
  }

  /** Calls `call` with the key for `body`, and lets its outcome settle the key. */
  async send<T>(body: unknown, call: (idempotencyKey: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(body);
    try {
      const result = await call(key);
      this.#settle(key);
      return result;
    } catch (error) {
      if (answered(error)) this.#settle(key);
      throw error;
    }
  }

  /** Forgets the key: the form was opened anew, so its next submit is a new request. */
  reset(): void {
    this.#key = undefined;
    this.#body = undefined;
  }

  #settle(key: string): void {
    if (this.#key === key) this.reset();
  }
}

/**
 * True when the API answered the request: it ran (or was refused) and is over. A kept
 * refusal would be replayed for the key's 24 hours, even once the cause is gone (another
 * admin deleted the number that took the demo account's slot), so it retires the key too.
 */
function answered(error: unknown): boolean {
  return isSwitchboardApiError(error) && !isSwitchboardApiError(error, 'idempotency_key_in_use');
}

/** 128 random bits in hex: `crypto.getRandomValues` exists on plain-http pages too. */
function randomKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
