import { ConflictError, ConnectionError } from '@switchboard/client';
import { describe, expect, it } from 'vitest';
import { SubmissionKey } from './submission-key.js';

const request = { method: 'POST', url: 'http://localhost/v1/users' };
const conflict = (code: string) =>
  new ConflictError({
    status: 409,
    problem: { type: 'about:blank', title: code, status: 409, code, detail: code },
    requestId: undefined,
    retryAfter: undefined,
    request,
  });

function counting() {
  let n = 0;
  return new SubmissionKey(() => `key-${++n}`);
}

const ada = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' };

describe('SubmissionKey (C2)', () => {
  it('sends the same key for the same values until an answer comes', () => {
    const key = counting();
    expect(key.keyFor(ada)).toBe('key-1');
    expect(key.keyFor({ ...ada })).toBe('key-1');
  });

  it('makes a fresh key for changed values, which are another request', () => {
    const key = counting();
    key.keyFor(ada);
    expect(key.keyFor({ ...ada, email: 'ada@king.test' })).toBe('key-2');
  });

  it('keeps the key after a lost answer, so sending again cannot create a second', async () => {
    const key = counting();
    const lost = new ConnectionError(request, new Error('fetch failed'));
    await expect(key.send(ada, () => Promise.reject(lost))).rejects.toBe(lost);
    const sent: string[] = [];
    await key.send(ada, async (idempotencyKey) => sent.push(idempotencyKey));
    expect(sent).toEqual(['key-1']);
  });

  it('keeps the key while the first request with it is still running (idempotency_key_in_use)', async () => {
    const key = counting();
    await expect(
      key.send(ada, () => Promise.reject(conflict('idempotency_key_in_use'))),
    ).rejects.toThrow();
    expect(key.keyFor(ada)).toBe('key-1');
  });

  it('retires the key after a refusal, so a later try is not answered with the old refusal', async () => {
    const key = counting();
    await expect(key.send(ada, () => Promise.reject(conflict('email_taken')))).rejects.toThrow();
    expect(key.keyFor(ada)).toBe('key-2');
  });

  it('retires the key after a success, and after reset (the form opened anew)', async () => {
    const key = counting();
    await key.send(ada, async () => 'added');
    expect(key.keyFor(ada)).toBe('key-2');
    key.reset();
    expect(key.keyFor(ada)).toBe('key-3');
  });

  it('makes printable keys of at most 255 characters, different each time', () => {
    const first = new SubmissionKey().keyFor(ada);
    const second = new SubmissionKey().keyFor(ada);
    expect(first).toMatch(/^[\x21-\x7e]{1,255}$/);
    expect(first).not.toBe(second);
  });
});
