import type { FieldIssue, Problem } from '@switchboard/contract';

/** Where a failed call went. @example console.log(`${e.request.method} ${e.request.url}`); */
export interface RequestInfo {
  method: string;
  url: string;
}

/** What a failed response said, as the client read it (the constructor's input). @example new NotFoundError({ status: 404, problem, requestId: undefined, retryAfter: undefined, request }) */
export interface ApiErrorDetails {
  status: number;
  problem: Problem;
  requestId: string | undefined;
  retryAfter: number | undefined;
  request: RequestInfo;
}

/**
 * An error answer of the Switchboard API (RFC 9457 problem+json), with its stable `code`,
 * field `issues`, the `requestId` to quote to an operator, and `retryAfter` (seconds) when
 * the server asked to wait. Subclasses name the kind: `NotFoundError`, `ConflictError`…
 *
 * @example
 * try { await client.users.add(input); }
 * catch (e) { if (isSwitchboardApiError(e, 'email_taken')) showError('email', e.detail); }
 */
export class SwitchboardApiError extends Error {
  override name = 'SwitchboardApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly issues: FieldIssue[];
  readonly requestId: string | undefined;
  readonly retryAfter: number | undefined;
  readonly request: RequestInfo;

  constructor(details: ApiErrorDetails) {
    const { problem } = details;
    super(
      `${details.request.method} ${details.request.url} failed with ${details.status} ${problem.code}: ${problem.detail}`,
    );
    this.status = details.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.issues = problem.issues ?? [];
    this.requestId = details.requestId;
    this.retryAfter = details.retryAfter;
    this.request = details.request;
  }
}
