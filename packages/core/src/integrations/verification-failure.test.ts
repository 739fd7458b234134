import { describe, expect, it } from 'vitest';
import { classifyFailure, failureReason, memberReason } from './verification-failure.js';

const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('classifyFailure (I5)', () => {
  it('calls DNS, connection and timeout failures unreachable', () => {
    expect(classifyFailure(networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND s3.example'))).toEqual({
      kind: 'unreachable',
      detail: 'getaddrinfo ENOTFOUND s3.example',
    });
    expect(
      classifyFailure(
        new TypeError('fetch failed', {
          cause: networkError('ECONNREFUSED', 'connect ECONNREFUSED'),
        }),
      ).kind,
    ).toBe('unreachable');
    expect(classifyFailure(new DOMException('aborted', 'TimeoutError'))).toEqual({
      kind: 'unreachable',
      detail: 'The service did not answer in time',
    });
    // gRPC UNAVAILABLE and DEADLINE_EXCEEDED
    for (const code of [14, 4])
      expect(classifyFailure(Object.assign(new Error('x'), { code, details: 'x' })).kind).toBe(
        'unreachable',
      );
  });

  it('calls an answer from the service refused: AWS, HTTP and gRPC errors', () => {
    const aws = Object.assign(new Error('The AWS Access Key Id you provided does not exist'), {
      name: 'InvalidAccessKeyId',
      Code: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
    });
    expect(classifyFailure(aws)).toEqual({
      kind: 'refused',
      detail: 'InvalidAccessKeyId: The AWS Access Key Id you provided does not exist',
    });
    expect(classifyFailure(Object.assign(new Error('nope'), { status: 401 })).kind).toBe('refused');
    expect(
      classifyFailure(
        Object.assign(new Error('5 NOT_FOUND: no agent'), { code: 5, details: 'no agent' }),
      ).kind,
    ).toBe('refused');
  });

  it('calls anything else a failed check', () => {
    expect(classifyFailure(new Error('bad port')).kind).toBe('failed');
    expect(classifyFailure('weird')).toEqual({ kind: 'failed', detail: 'weird' });
  });
});

describe('reasons (I5, issue 17)', () => {
  it('keep the summary for every user and the service’s words for admins', () => {
    const reason = failureReason('refused', 'Token abc… is not valid');
    expect(reason).toBe('The service refused the credentials: Token abc… is not valid');
    expect(memberReason(reason)).toBe('The service refused the credentials');
    expect(memberReason(failureReason('unreachable', 'ENOTFOUND'))).toBe(
      'The service could not be reached',
    );
    // Reasons stored before summaries existed are the service's words alone.
    expect(memberReason('InvalidAccessKeyId: AKIA… secret echo')).toBe('The check failed');
  });
});
