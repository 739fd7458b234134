import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { databaseUnavailable } from './database-unavailable.js';
import { isRetryableTransactionError } from './is-retryable-transaction-error.js';
import { sqliteLocked } from './sqlite-busy.js';

describe('isRetryableTransactionError', () => {
  it('is true for serialization failures and deadlocks, raw or as a cause', () => {
    const serialization = Object.assign(new Error('could not serialize access'), { code: '40001' });
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(isRetryableTransactionError(serialization)).toBe(true);
    expect(isRetryableTransactionError(deadlock)).toBe(true);
    expect(isRetryableTransactionError(new Error('wrapped', { cause: deadlock }))).toBe(true);
  });

  it('is true for a connection lost before COMMIT, false when the outcome is unknown', () => {
    const lost = Object.assign(new Error('terminating connection'), { code: '57P01' });
    expect(
      isRetryableTransactionError(databaseUnavailable('lost', lost, { retryable: true })),
    ).toBe(true);
    expect(
      isRetryableTransactionError(databaseUnavailable('lost', lost, { retryable: false })),
    ).toBe(false);
    // The raw driver error says nothing about whether COMMIT was sent: not enough on its own.
    expect(isRetryableTransactionError(lost)).toBe(false);
  });

  it('is false for SQLite’s lock timeout and for ordinary errors', () => {
    expect(isRetryableTransactionError(sqliteLocked({ errcode: 5 }))).toBe(false);
    expect(isRetryableTransactionError(new SwitchboardError('email_taken'))).toBe(false);
    expect(isRetryableTransactionError(Object.assign(new Error('dup'), { code: '23505' }))).toBe(
      false,
    );
    expect(isRetryableTransactionError(undefined)).toBe(false);
  });
});
