import type { RequestInfo } from './switchboard-api-error.js';

/**
 * The API answered 2xx with a body that is not JSON or does not match the contract
 * (client and server versions apart, or `baseUrl` pointing at something else).
 *
 * @example if (e instanceof ResponseShapeError) console.error('Upgrade @switchboard/client', e.message);
 */
export class ResponseShapeError extends Error {
  override name = 'SwitchboardResponseShapeError';
  readonly request: RequestInfo;

  constructor(request: RequestInfo, problem: string) {
    super(`${request.method} ${request.url} answered with an unexpected body: ${problem}`);
    this.request = request;
  }
}
