import type { User } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { userChanges, withChanges } from './user-changes.js';

const ada: User = {
  id: 'usr_0123456789ab',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  isAdmin: false,
  permissions: { canCreate: true, canShare: false },
  twoFactorEnabled: true,
  status: 'active',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 3,
};
const unchanged = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  isAdmin: false,
  permissions: { canCreate: true, canShare: false },
};

describe('userChanges', () => {
  it('sends nothing for an untouched form, so the email is not re-verified (U3)', () => {
    expect(userChanges(ada, unchanged)).toEqual({});
    expect(userChanges(ada, { ...unchanged, email: ' ada@acme.test ' })).toEqual({});
  });

  it('sends only the fields that changed, and both permissions together', () => {
    const patch = userChanges(ada, {
      ...unchanged,
      lastName: 'King',
      permissions: { canCreate: true, canShare: true },
    });
    expect(patch).toEqual({ lastName: 'King', permissions: { canCreate: true, canShare: true } });
  });

  it('never sends two-factor, which only its owner may change (U3)', () => {
    const patch = userChanges(ada, { ...unchanged, isAdmin: true, email: 'ada@king.test' });
    expect(patch).toEqual({ isAdmin: true, email: 'ada@king.test' });
    expect(patch).not.toHaveProperty('twoFactorEnabled');
  });
});

describe('withChanges', () => {
  it('shows the user as the edit leaves them, for the conflict window (C1)', () => {
    const edited = withChanges(ada, { lastName: 'King', permissions: { canShare: true } });
    expect(edited).toEqual({
      ...ada,
      lastName: 'King',
      permissions: { canCreate: true, canShare: true },
    });
  });
});
