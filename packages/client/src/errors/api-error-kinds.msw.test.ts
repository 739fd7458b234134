import { errorCodes, errorTable } from '@switchboard/contract';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../create-client.js';
import {
  ConflictError,
  isSwitchboardApiError,
  PreconditionFailedError,
  ServerError,
  UnprocessableError,
  ValidationError,
} from './api-error-kinds.js';
import { SwitchboardApiError } from './switchboard-api-error.js';

const baseUrl = 'https://api.switchboard.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createClient({ baseUrl, token: 't', retry: 0 });

/** The error `PATCH /v1/users/{id}` turns into when the server answers `status` with `code`. */
async function errorFor(status: number, code: string): Promise<unknown> {
  server.use(
    http.patch(`${baseUrl}/v1/users/:id`, () =>
      HttpResponse.json(
        { type: `urn:switchboard:problem:${code}`, title: 'T', status, code, detail: 'D' },
        { status, headers: { 'content-type': 'application/problem+json' } },
      ),
    ),
  );
  return client.users.update('usr_1', { firstName: 'A' }).catch((e: unknown) => e);
}

describe('the error class of an answer', () => {
  it('comes from the kind of the problem’s code, whatever the status', async () => {
    // A proxy rewrote the status; the code still says what happened.
    expect(await errorFor(400, 'email_taken')).toBeInstanceOf(ConflictError);
    expect(await errorFor(500, 'weak_password')).toBeInstanceOf(UnprocessableError);
    expect(await errorFor(422, 'payload_too_large')).toBeInstanceOf(ValidationError);
  });

  it('is PreconditionFailedError for 412 precondition_failed and 428 precondition_required', async () => {
    const stale = await errorFor(412, 'precondition_failed');
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(stale).toMatchObject({ status: 412, code: 'precondition_failed' });
    expect(isSwitchboardApiError(stale, 'precondition_failed')).toBe(true);
    expect(await errorFor(428, 'precondition_required')).toBeInstanceOf(PreconditionFailedError);
  });

  it('falls back to the status for a code this client does not know', async () => {
    expect(await errorFor(409, 'some_future_conflict')).toBeInstanceOf(ConflictError);
    expect(await errorFor(412, 'some_future_precondition')).toBeInstanceOf(PreconditionFailedError);
    expect(await errorFor(503, 'some_future_outage')).toBeInstanceOf(ServerError);
    const odd = await errorFor(418, 'teapot');
    expect(odd).toBeInstanceOf(SwitchboardApiError);
    expect(odd).not.toBeInstanceOf(ServerError);
  });

  it('is a subclass, never the bare base class, for every code of the contract', async () => {
    for (const code of errorCodes) {
      const error = await errorFor(400, code);
      expect(error, code).toBeInstanceOf(SwitchboardApiError);
      expect((error as Error).constructor, `${code} (${errorTable[code].kind})`).not.toBe(
        SwitchboardApiError,
      );
    }
  });
});
