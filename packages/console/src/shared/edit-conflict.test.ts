import type { PhoneNumber, User } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { phoneNumberConflictFields, userConflictFields } from './conflict-fields.js';
import { conflictRows, deleteConflict, editConflict } from './edit-conflict.js';
import { userChanges, withChanges } from './user-changes.js';

const opened: User = {
  id: 'usr_0123456789ab',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  isAdmin: false,
  permissions: { canCreate: true, canShare: false },
  twoFactorEnabled: false,
  status: 'active',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 3,
};
const form = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  isAdmin: false,
  permissions: { canCreate: true, canShare: false },
};

describe('conflictRows (C1)', () => {
  it('lists what someone else changed and what the edit sets, in the form’s order', () => {
    const current = { ...opened, lastName: 'King', version: 4 };
    const edited = withChanges(opened, userChanges(opened, { ...form, firstName: 'Augusta' }));
    expect(conflictRows(userConflictFields, opened, current, edited)).toEqual([
      { label: 'First Name', opened: 'Ada', current: 'Ada', mine: 'Augusta', collides: false },
      { label: 'Last Name', opened: 'Lovelace', current: 'King', mine: undefined, collides: false },
    ]);
  });

  it('marks a field both changed differently: applying the edit replaces theirs', () => {
    const current = { ...opened, lastName: 'King', version: 4 };
    const edited = withChanges(opened, userChanges(opened, { ...form, lastName: 'Byron' }));
    const [row] = conflictRows(userConflictFields, opened, current, edited);
    expect(row).toEqual({
      label: 'Last Name',
      opened: 'Lovelace',
      current: 'King',
      mine: 'Byron',
      collides: true,
    });
  });

  it('does not call it a collision when both set the same value', () => {
    const current = { ...opened, isAdmin: true, version: 4 };
    const edited = withChanges(opened, userChanges(opened, { ...form, isAdmin: true }));
    const [row] = conflictRows(userConflictFields, opened, current, edited);
    expect(row).toMatchObject({
      label: 'Account Admin',
      current: 'Yes',
      mine: 'Yes',
      collides: false,
    });
  });

  it('shows what changed outside the form too (two-factor, activation)', () => {
    const current = { ...opened, twoFactorEnabled: true, version: 4 };
    const rows = conflictRows(userConflictFields, opened, current, opened);
    expect(rows).toEqual([
      {
        label: 'Two-factor sign-in',
        opened: 'Off',
        current: 'On',
        mine: undefined,
        collides: false,
      },
    ]);
  });

  it('for a delete lists only what changed, with no edit', () => {
    const current = { ...opened, email: 'ada@king.test', version: 4 };
    expect(conflictRows(userConflictFields, opened, current)).toEqual([
      {
        label: 'Email Address',
        opened: 'ada@acme.test',
        current: 'ada@king.test',
        mine: undefined,
        collides: false,
      },
    ]);
  });

  it('names a number’s owner and an empty application', () => {
    const number: PhoneNumber = {
      id: 'pn_0123456789ab',
      number: '+18005550100',
      ownerId: 'usr_a',
      pci: false,
      applicationId: 'ivr',
      createdAt: '2026-11-23T10:00:00.000Z',
      version: 2,
    };
    const names: Record<string, string> = { usr_a: 'Ada Lovelace', usr_b: 'Grace Hopper' };
    const fields = phoneNumberConflictFields((id) => names[id] ?? id);
    const current = { ...number, applicationId: null, version: 3 };
    const rows = conflictRows(fields, number, current, { ...number, ownerId: 'usr_b' });
    expect(rows.map(({ label, current, mine }) => ({ label, current, mine }))).toEqual([
      { label: 'Owner', current: 'Ada Lovelace', mine: 'Grace Hopper' },
      { label: 'Application', current: '(none)', mine: undefined },
    ]);
  });
});

describe('editConflict and deleteConflict', () => {
  it('say what changed and offer to apply or discard the edit', () => {
    const conflict = editConflict('Ada Lovelace', []);
    expect(conflict.title).toBe('Ada Lovelace changed since you opened it');
    expect(conflict.message).toMatch(/your edit was not saved/);
    expect([conflict.applyLabel, conflict.discardLabel]).toEqual([
      'Apply my edit to the current version',
      'Discard my edit',
    ]);
  });

  it('offer to delete anyway or keep it', () => {
    const conflict = deleteConflict('Ada Lovelace', []);
    expect(conflict.title).toBe('Ada Lovelace changed since the list was loaded');
    expect(conflict.message).toMatch(/nothing was deleted/);
    expect([conflict.applyLabel, conflict.discardLabel]).toEqual(['Delete it anyway', 'Keep it']);
  });
});
