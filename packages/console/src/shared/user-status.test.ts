import { type User, userStatusSchema } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { userConflictFields } from './conflict-fields.js';
import { conflictRows } from './edit-conflict.js';
import {
  noUsersMessage,
  statusFilter,
  userStatusFilters,
  userStatusLabels,
} from './user-status.js';

const alan: User = {
  id: 'usr_0123456789ab',
  firstName: 'Alan',
  lastName: 'Turing',
  email: 'alan@acme.test',
  isAdmin: false,
  permissions: { canCreate: false, canShare: false },
  twoFactorEnabled: false,
  status: 'active',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 2,
};

describe('userStatusFilters', () => {
  it('offers every user, then each status the contract knows, once', () => {
    expect(userStatusFilters.map((filter) => filter.value)).toEqual([
      'all',
      'active',
      'pending',
      'deactivated',
    ]);
    expect(new Set(Object.keys(userStatusLabels))).toEqual(new Set(userStatusSchema.options));
    expect(userStatusFilters.map((filter) => filter.label)).toEqual([
      'All users',
      'Active users',
      'Pending users',
      'Deactivated users',
    ]);
  });
});

describe('statusFilter', () => {
  it('takes a status of the contract, and anything else as every user', () => {
    expect(statusFilter('deactivated')).toBe('deactivated');
    expect(statusFilter('all')).toBe('all');
    expect(statusFilter('suspended')).toBe('all');
  });
});

describe('noUsersMessage', () => {
  it('names the search and the status that found nobody', () => {
    expect(noUsersMessage('zz', 'all')).toBe("No user's name or email starts with “zz”.");
    expect(noUsersMessage('zz', 'deactivated')).toBe(
      "No deactivated user's name or email starts with “zz”.",
    );
    expect(noUsersMessage('', 'pending')).toBe('No pending users.');
  });

  it('says nothing for the whole list, where an admin alone is told so instead', () => {
    expect(noUsersMessage('', 'all')).toBeUndefined();
  });
});

describe('userConflictFields', () => {
  it('shows a deactivation in the conflict window by its name (U9)', () => {
    const current = { ...alan, status: 'deactivated' as const, version: 3 };
    expect(conflictRows(userConflictFields, alan, current)).toEqual([
      {
        label: 'Status',
        opened: 'Active',
        current: 'Deactivated',
        mine: undefined,
        collides: false,
      },
    ]);
  });
});
