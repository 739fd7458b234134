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

/**
 * Options of a call that POSTs (C2): besides `signal` and `timeoutMs`, the
 * `Idempotency-Key` to send. Without one the client makes a fresh UUID for the call; either
 * way the key is the same on each of the client's own retries of the call.
 *
 * @example
 * const idempotencyKey = crypto.randomUUID(); // stored with the job, reused when it runs again
 * await client.users.add({ firstName: 'Ada', lastName: 'Lovelace', email }, { idempotencyKey });
 */
export interface IdempotentRequestOptions extends RequestOptions {
  /** 1 to 255 printable ASCII characters; repeat it to repeat the same request safely. */
  idempotencyKey?: string | undefined;
}

/**
 * Options of a call that changes or deletes one resource (C1): besides `signal` and
 * `timeoutMs`, the version it must still have, sent as `If-Match`.
 *
 * @example
 * const user = await client.users.get(id);
 * await client.users.update(id, { firstName: 'Ada' }, { ifMatch: user.version });
 */
export interface ConditionalRequestOptions extends RequestOptions {
  /**
   * The resource's `version` as you read it (sent as `If-Match: "<version>"`), or `'*'` for
   * any version. A stale one fails with `PreconditionFailedError` and changes nothing.
   */
  ifMatch?: number | '*' | undefined;
}
