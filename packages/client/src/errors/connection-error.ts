/**
 * The API could not be reached or did not answer in time: no response at all (DNS,
 * refused connection, timeout). Safe to retry later.
 */
export class ConnectionError extends Error {
  override name = 'SwitchboardConnectionError';
  readonly request: { method: string; url: string };

  constructor(request: { method: string; url: string }, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${request.method} ${request.url} got no answer: ${reason}`, { cause });
    this.request = request;
  }
}

/** True for a ConnectionError from any copy of this package. */
export function isConnectionError(error: unknown): error is ConnectionError {
  return error instanceof Error && error.name === 'SwitchboardConnectionError';
}
