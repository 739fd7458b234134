import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import {
  assertNotDeactivated,
  assertNotSelfDeactivate,
  needsActivationLink,
  removesActiveAdmin,
  standingChange,
  statusChange,
} from './user-status-rules.js';

describe('statusChange (U9)', () => {
  it('deactivates an active or pending user, and reactivates a deactivated one', () => {
    expect(statusChange('active', 'deactivated')).toBe('deactivate');
    expect(statusChange('pending', 'deactivated')).toBe('deactivate');
    expect(statusChange('deactivated', 'active')).toBe('reactivate');
  });

  it('changes nothing when the user is already in the state asked for, or none is asked', () => {
    expect(statusChange('deactivated', 'deactivated')).toBeNull();
    expect(statusChange('active', 'active')).toBeNull();
    expect(statusChange('pending', 'active')).toBeNull();
    expect(statusChange('active', undefined)).toBeNull();
  });
});

describe('assertNotSelfDeactivate (U9)', () => {
  const admin = { userId: 'usr_a', accountId: 'acc_1', isAdmin: true };
  it('refuses an admin deactivating themselves with cannot_deactivate_self', () => {
    let error: unknown;
    try {
      assertNotSelfDeactivate(admin, 'usr_a');
    } catch (caught) {
      error = caught;
    }
    expect(isSwitchboardError(error, 'cannot_deactivate_self')).toBe(true);
  });

  it('lets an admin deactivate someone else, and a SCIM client anyone', () => {
    expect(() => assertNotSelfDeactivate(admin, 'usr_b')).not.toThrow();
    const scim = { type: 'scim', accountId: 'acc_1', tokenId: 'sct_1' } as const;
    expect(() => assertNotSelfDeactivate(scim, 'usr_a')).not.toThrow();
  });
});

describe('removesActiveAdmin (U4 counting active admins only)', () => {
  const admin = { isAdmin: true, deactivated: false };
  it('is true for demoting or deactivating an admin who is not deactivated', () => {
    expect(removesActiveAdmin(admin, { isAdmin: false, deactivated: false })).toBe(true);
    expect(removesActiveAdmin(admin, { isAdmin: true, deactivated: true })).toBe(true);
  });

  it('is false for a deactivated admin, a member, a reactivation or a promotion', () => {
    const deactivatedAdmin = { isAdmin: true, deactivated: true };
    expect(removesActiveAdmin(deactivatedAdmin, { isAdmin: false, deactivated: true })).toBe(false);
    expect(removesActiveAdmin(deactivatedAdmin, admin)).toBe(false);
    const member = { isAdmin: false, deactivated: false };
    expect(removesActiveAdmin(member, { isAdmin: false, deactivated: true })).toBe(false);
    expect(removesActiveAdmin(member, admin)).toBe(false);
    expect(removesActiveAdmin(admin, admin)).toBe(false);
  });
});

describe('standingChange', () => {
  it('reads an edit’s admin flag and status change against the user as they are', () => {
    const admin = { isAdmin: true, status: 'active' as const };
    expect(standingChange(admin, undefined, 'deactivate')).toEqual([
      { isAdmin: true, deactivated: false },
      { isAdmin: true, deactivated: true },
    ]);
    expect(standingChange({ ...admin, status: 'deactivated' }, false, null)[1]).toEqual({
      isAdmin: false,
      deactivated: true,
    });
    expect(removesActiveAdmin(...standingChange(admin, false, 'reactivate'))).toBe(true);
  });
});

describe('needsActivationLink (U3, U9)', () => {
  it('sends a link to a pending user who re-verifies or is reactivated', () => {
    const pending = { status: 'pending' } as const;
    expect(needsActivationLink(pending, { reverified: true, reactivated: false })).toBe(true);
    expect(needsActivationLink(pending, { reverified: false, reactivated: true })).toBe(true);
    expect(needsActivationLink(pending, { reverified: false, reactivated: false })).toBe(false);
  });

  it('sends none to an active user, nor to a deactivated one whose email changed', () => {
    expect(
      needsActivationLink({ status: 'active' }, { reverified: false, reactivated: true }),
    ).toBe(false);
    expect(
      needsActivationLink({ status: 'deactivated' }, { reverified: true, reactivated: false }),
    ).toBe(false);
  });
});

describe('assertNotDeactivated (U9)', () => {
  it('refuses a deactivated user with user_deactivated, and lets the others be', () => {
    expect(() => assertNotDeactivated({ status: 'active' })).not.toThrow();
    expect(() => assertNotDeactivated({ status: 'pending' })).not.toThrow();
    let error: unknown;
    try {
      assertNotDeactivated({ status: 'deactivated' });
    } catch (caught) {
      error = caught;
    }
    expect(isSwitchboardError(error, 'user_deactivated')).toBe(true);
  });
});
