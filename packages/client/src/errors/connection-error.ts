import type { RequestInfo } from './switchboard-api-error.js';

/**
 * The API could not be reached or did not answer in time: no response at all (DNS,
 * refused connection, timeout). Safe to retry later; `cause` holds ky's error.
 *
 * @example if (isConnectionError(e)) showOfflineBanner();
 */
export class ConnectionError extends Error {
  override name = 'SwitchboardConnectionError';
  readonly request: RequestInfo;

  constructor(request: RequestInfo, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${request.method} ${request.url} got no answer: ${reason}`, { cause });
    this.request = request;
  }
}

/** True for a ConnectionError from any copy of this package or realm. @example if (isConnectionError(e)) retryLater(); */
export function isConnectionError(error: unknown): error is ConnectionError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SwitchboardConnectionError'
  );
}
