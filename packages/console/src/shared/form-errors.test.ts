import {
  ConflictError,
  ConnectionError,
  RateLimitedError,
  ServerError,
  ValidationError,
} from '@switchboard/client';
import type { Problem } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { formErrors, staleMessagesCleared } from './form-errors.js';

const request = { method: 'POST', url: 'http://localhost/v1/users' };
const problem = (status: number, code: string, detail: string, extra: Partial<Problem> = {}) => ({
  status,
  problem: { type: 'about:blank', title: code, status, code, detail, ...extra },
  requestId: 'req_123',
  retryAfter: undefined,
  request,
});

describe('formErrors', () => {
  it('puts each validation issue on its field, the first message winning', () => {
    const error = new ValidationError(
      problem(400, 'validation_failed', 'The body does not match', {
        issues: [
          { path: 'email', message: 'Expected an email address' },
          { path: 'permissions.canCreate', message: 'Expected a boolean' },
          { path: 'email', message: 'Too long' },
        ],
      }),
    );
    expect(formErrors(error)).toEqual({
      fields: { email: 'Expected an email address', permissions: 'Expected a boolean' },
    });
  });

  it('places a code on the field the form names (email_taken → email)', () => {
    const error = new ConflictError(problem(409, 'email_taken', 'That email is already in use'));
    expect(formErrors(error, { email_taken: 'email' })).toEqual({
      fields: { email: 'That email is already in use' },
    });
  });

  it('keeps any other refusal on the form, in the API’s words', () => {
    const error = new ConflictError(
      problem(409, 'demo_number_limit', 'Demo accounts hold one number'),
    );
    expect(formErrors(error, { email_taken: 'email' })).toEqual({
      fields: {},
      form: 'Demo accounts hold one number',
    });
  });

  it('says how long to wait when rate limited', () => {
    const error = new RateLimitedError({
      ...problem(429, 'rate_limited', 'Too many failed attempts.'),
      retryAfter: 600,
    });
    expect(formErrors(error).form).toBe('Too many failed attempts. Try again in 10 minutes.');
  });

  it('quotes the request id of a server fault, for support', () => {
    const error = new ServerError(problem(500, 'internal', 'Something went wrong on our side'));
    expect(formErrors(error).form).toBe('Something went wrong on our side (reference req_123)');
  });

  it('says the server cannot be reached when there is no answer', () => {
    const error = new ConnectionError(request, new TypeError('fetch failed'));
    expect(formErrors(error).form).toMatch(/cannot be reached/);
  });
});

describe('staleMessagesCleared', () => {
  const refused = { fields: {}, form: 'Demo accounts can hold one phone number' };
  const tooLong = { fields: { applicationId: 'At most 100 characters' } };

  it('takes off a message shown before a later action succeeded (the demo refusal after an owner change)', () => {
    expect(staleMessagesCleared({ request: refused }, { request: 3 }, 4)).toEqual({
      request: { fields: {} },
    });
  });

  it('keeps a message shown after the successful action started (two actions at once)', () => {
    expect(staleMessagesCleared({ request: refused }, { request: 5 }, 4)).toEqual({
      request: refused,
    });
  });

  it('keeps field messages: the fields still hold what they are about', () => {
    const both = { fields: tooLong.fields, form: 'Refused' };
    expect(staleMessagesCleared({ 'app:pn_1': both }, { 'app:pn_1': 1 }, 2)).toEqual({
      'app:pn_1': tooLong,
    });
  });
});
