import { isSwitchboardError, type Logger } from '@switchboard/core';
import { HTTPException } from 'hono/http-exception';
import { problemResponse } from './problem-response.js';

/**
 * The problem+json answer to an error a route threw: a `SwitchboardError` by its code, a
 * client error Hono raised as `validation_failed`, anything else `internal` (logged with
 * the request id, never sent).
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  logger: Pick<Logger, 'error'>,
): Response {
  if (isSwitchboardError(error)) {
    return problemResponse(error.code, error.message, {
      requestId,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return problemResponse('validation_failed', error.message || 'Bad request', { requestId });
  }
  logger.error('unhandled error', {
    requestId,
    error: error instanceof Error ? error.stack : String(error),
  });
  return problemResponse('internal', 'Something went wrong on our side', { requestId });
}
