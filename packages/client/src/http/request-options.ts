/**
 * Options of one call, the last argument of every client method.
 *
 * @example
 * const controller = new AbortController();
 * await client.users.get('usr_…', { signal: controller.signal, timeoutMs: 2_000 });
 */
export interface RequestOptions {
  /** Aborts the call (and its retries); the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt for this call, instead of the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
}
