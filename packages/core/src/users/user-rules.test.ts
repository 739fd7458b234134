import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { decodeUserCursor, encodeUserCursor, likePrefixPattern } from './user-cursor.js';
import {
  assertKeepsAnAdmin,
  assertNotSelfDelete,
  emailNeedsVerification,
  rejectTwoFactorEdit,
  userChanges,
} from './user-rules.js';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const user = {
  id: 'usr_a',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@x.io',
  isAdmin: true,
  permissions: { canCreate: true, canShare: false },
  twoFactorEnabled: false,
  status: 'active' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('rejectTwoFactorEdit (U3)', () => {
  it('refuses any request that carries twoFactorEnabled, whatever its value', () => {
    for (const value of [true, false, null]) {
      expect(
        isSwitchboardError(
          thrown(() => rejectTwoFactorEdit({ firstName: 'X', twoFactorEnabled: value })),
          'two_factor_not_editable',
        ),
      ).toBe(true);
    }
  });
  it('lets other requests through', () => {
    expect(() => rejectTwoFactorEdit({ firstName: 'X' })).not.toThrow();
    expect(() => rejectTwoFactorEdit(null)).not.toThrow();
  });
});

describe('assertNotSelfDelete (U4)', () => {
  it('refuses an admin deleting themselves', () => {
    const actor = { userId: 'usr_a', accountId: 'acc_a', isAdmin: true };
    expect(
      isSwitchboardError(
        thrown(() => assertNotSelfDelete(actor, 'usr_a')),
        'cannot_delete_self',
      ),
    ).toBe(true);
    expect(() => assertNotSelfDelete(actor, 'usr_b')).not.toThrow();
  });
});

describe('assertKeepsAnAdmin (U4)', () => {
  it('refuses removing the last admin', () => {
    expect(
      isSwitchboardError(
        thrown(() => assertKeepsAnAdmin(1, true)),
        'last_admin',
      ),
    ).toBe(true);
  });
  it('allows removing one of several admins, or removing nothing', () => {
    expect(() => assertKeepsAnAdmin(2, true)).not.toThrow();
    expect(() => assertKeepsAnAdmin(1, false)).not.toThrow();
  });
});

describe('userChanges (U3)', () => {
  it('names only the fields that differ, permissions one by one', () => {
    expect(
      userChanges(user, {
        firstName: 'Ada',
        lastName: 'Byron',
        permissions: { canCreate: true, canShare: true },
      }),
    ).toEqual(['lastName', 'permissions.canShare']);
  });
  it('sees an email differing only in case as a change of the stored address', () => {
    expect(userChanges(user, { email: 'ADA@x.io' })).toEqual(['email']);
  });
});

describe('user cursors (U7)', () => {
  it('round-trip the sort key', () => {
    const key = { lastName: 'Lovelace', firstName: 'Ada', id: 'usr_a' };
    expect(decodeUserCursor(encodeUserCursor(key))).toEqual(key);
  });
  it('refuse a cursor this API did not give out', () => {
    for (const cursor of [
      'nope',
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      expect(
        isSwitchboardError(
          thrown(() => decodeUserCursor(cursor)),
          'validation_failed',
        ),
      ).toBe(true);
    }
  });
});

describe('likePrefixPattern (U7)', () => {
  it('makes %, _ and \\ literal', () => {
    expect(likePrefixPattern('50%_a\\b')).toBe('50\\%\\_a\\\\b%');
  });
});

describe('emailNeedsVerification', () => {
  it('re-verifies another address, not the same one written differently (U3, U1)', () => {
    expect(emailNeedsVerification('grace@acme.test', 'grace@navy.test')).toBe(true);
    expect(emailNeedsVerification('grace@acme.test', ' Grace@ACME.test ')).toBe(false);
    expect(emailNeedsVerification('grace@acme.test', 'grace＠acme.test')).toBe(false);
  });
});
