import { createHash } from 'node:crypto';
import type { KeyClaim } from './idempotency-repository.js';

export { isKeptStatus } from '@switchboard/contract';

/** An answer kept for an idempotency key, replayed byte for byte (C2). */
export interface KeptAnswer {
  status: number;
  /** Lower-case names: `content-type`, `etag`, `location`. */
  headers: Record<string, string>;
  body: string;
}

/** An answer as the database keeps it: its body sealed under key `keyId`, or clear (null). */
export interface StoredAnswer extends KeptAnswer {
  keyId: string | null;
}

/**
 * A request running under an idempotency key the caller holds the claim of (C2). The write
 * pipeline keeps its answer in the transaction of its change, so the change and its
 * record commit together or not at all.
 */
export interface IdempotentRequest {
  /** `user:<id>` or `operator`: keys belong to their caller. */
  readonly caller: string;
  readonly key: string;
  /** This run's claim on the key; keeping the answer fails if another run took it over. */
  readonly claim: string;
  /**
   * The answer the request gives for the result of its change, to keep. Set by whoever
   * answers (the reference server: status, `ETag`, JSON body).
   */
  answer(result: unknown): KeptAnswer;
  /**
   * The answer as it is to be stored: with its body sealed under the key ring when it shows
   * a secret (`KeyedRequest.secretAnswer`), else as it is.
   */
  stored(answer: KeptAnswer): StoredAnswer;
  /** The kept answer, once the change that kept it has committed. */
  kept?: KeptAnswer;
  /**
   * The key's row, while the database has none: a new key is inserted by the request's
   * first change, in that change's transaction (see `IdempotencyService`). Cleared once
   * that change has committed.
   */
  unsaved?: KeyClaim | undefined;
}

/**
 * An id derived from the caller's key instead of drawn at random: a request retried after a
 * crash names the same thing (a number being bought is asked for under the same reference),
 * so an effect outside the database is looked up before it is made again.
 *
 * @example derivedId('pn', request) // 'pn_k3…', the same for every run of the key
 */
export function derivedId(
  prefix: string,
  request: Pick<IdempotentRequest, 'caller' | 'key'>,
): string {
  const digest = createHash('sha256').update(`${request.caller}\n${request.key}`).digest();
  let out = '';
  for (const byte of digest.subarray(0, 16)) out += byte.toString(16).padStart(2, '0');
  return `${prefix}_k${out}`;
}

/**
 * What a key was first used for: SHA-256 over the method, the path and the body as parsed
 * JSON (keys sorted), so the same request with its members in another order or with other
 * white space is the same request.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
