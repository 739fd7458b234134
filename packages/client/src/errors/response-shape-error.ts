/** The API answered 2xx with a body that does not match the contract (version mismatch?). */
export class ResponseShapeError extends Error {
  override name = 'SwitchboardResponseShapeError';
  readonly request: { method: string; url: string };

  constructor(request: { method: string; url: string }, issues: string) {
    super(`${request.method} ${request.url} answered with an unexpected body: ${issues}`);
    this.request = request;
  }
}
