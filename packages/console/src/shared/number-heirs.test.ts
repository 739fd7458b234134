import type { User } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { numberHeirs } from './number-heirs.js';

const user = (id: string, status: User['status'] = 'active'): User => ({
  id: `usr_${id}`,
  firstName: id,
  lastName: 'Test',
  email: `${id}@acme.test`,
  isAdmin: false,
  permissions: { canCreate: false, canShare: false },
  twoFactorEnabled: false,
  status,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 1,
});

const ada = user('ada');
const alan = user('alan');
const grace = user('grace', 'pending');
const joan = user('joan', 'deactivated');

describe('numberHeirs', () => {
  it('offers you first, then the others in their order, never the user being deleted', () => {
    expect(numberHeirs(alan, [alan, grace, ada], ada)).toEqual([ada, grace]);
  });

  it('offers you even when the list shown leaves you out (a status filter or a search)', () => {
    expect(numberHeirs(joan, [joan], ada)).toEqual([ada]);
  });

  it('leaves out deactivated users, who cannot sign in to use a number (U9)', () => {
    expect(numberHeirs(alan, [ada, alan, joan, grace], ada)).toEqual([ada, grace]);
  });

  it('offers the listed users alone when it does not know who you are', () => {
    expect(numberHeirs(alan, [ada, alan, grace], undefined)).toEqual([ada, grace]);
  });
});
