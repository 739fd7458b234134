import type { User } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { statusChange } from './user-status-change.js';

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
const deactivated: User = { ...alan, status: 'deactivated', version: 3 };

describe('statusChange', () => {
  it('deactivates an active or pending user, after asking (U9)', () => {
    for (const user of [alan, { ...alan, status: 'pending' as const }]) {
      const change = statusChange(user);
      expect(change.to).toBe('deactivated');
      expect(change.verb).toBe('Deactivate');
      expect(change.confirmation.title).toBe('Deactivate Alan Turing?');
      expect(change.confirmation.message).toMatch(/signed out at once/);
      expect(change.confirmation.message).toMatch(/phone numbers and history stay/);
      expect(change.confirmation.confirmLabel).toBe('Yes, deactivate');
    }
  });

  it('reactivates a deactivated user, saying a pending one gets an activation email', () => {
    const change = statusChange(deactivated);
    expect(change.to).toBe('active');
    expect(change.verb).toBe('Reactivate');
    expect(change.confirmation.title).toBe('Reactivate Alan Turing?');
    expect(change.confirmation.message).toMatch(/new activation email/);
  });

  it('tells what became of the user, by the status the API answered with', () => {
    expect(statusChange(alan).done(deactivated)).toBe(
      'Deactivated Alan Turing: they can no longer sign in.',
    );
    expect(statusChange(deactivated).done(alan)).toBe(
      'Reactivated Alan Turing: they can sign in again.',
    );
    expect(statusChange(deactivated).done({ ...alan, status: 'pending' })).toBe(
      'Reactivated Alan Turing. They never set a password, so a new activation email is on its way to alan@acme.test.',
    );
  });

  it('asks before applying the change to a user someone else changed meanwhile (C1)', () => {
    const conflict = statusChange(alan).conflict([]);
    expect(conflict.title).toBe('Alan Turing changed since the list was loaded');
    expect(conflict.message).toMatch(/nothing was deactivated/);
    expect(conflict.openedHeading).toBe('In the list');
    expect(conflict.applyLabel).toBe('Deactivate anyway');
    expect(statusChange(deactivated).conflict([]).applyLabel).toBe('Reactivate anyway');
  });
});
