import { describe, expect, it } from 'vitest';
import { defaultRetryAfterSeconds, problemResponse } from './problem-response.js';

describe('problemResponse', () => {
  it('always gives 429 and 503 a Retry-After: the error’s own, else a default', () => {
    expect(problemResponse('unavailable', 'Carrier down').headers.get('retry-after')).toBe(
      String(defaultRetryAfterSeconds),
    );
    const limited = problemResponse('rate_limited', 'Wait', { retryAfter: 12.2 });
    expect(limited.headers.get('retry-after')).toBe('13');
    expect(problemResponse('not_found', 'No').headers.get('retry-after')).toBeNull();
  });

  it('sends extra headers, but never lets them change the content type', () => {
    const response = problemResponse('method_not_allowed', 'No', {
      headers: { allow: 'GET, HEAD', 'content-type': 'text/html' },
      requestId: 'req-1',
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('req-1');
  });
});
