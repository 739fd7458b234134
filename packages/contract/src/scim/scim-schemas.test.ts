import { describe, expect, it } from 'vitest';
import type { User } from '../user.js';
import { scimListQuerySchema } from './scim-list.js';
import { scimPatchSchema } from './scim-patch.js';
import { scimUrns } from './scim-protocol.js';
import { scimBooleanSchema, scimUserOf, scimUserSchema } from './scim-user.js';

const user: User = {
  id: 'usr_0123456789abcdef',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'Ada@Acme.test',
  isAdmin: true,
  permissions: { canCreate: false, canShare: true },
  twoFactorEnabled: false,
  status: 'deactivated',
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
  version: 4,
};

describe('SCIM schemas', () => {
  it('reads booleans as identity providers send them, Entra’s "False" included', () => {
    expect(['False', 'TRUE', true, 'false'].map((v) => scimBooleanSchema.parse(v))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(scimBooleanSchema.safeParse('no').success).toBe(false);
  });

  it('takes startIndex from 1 and caps count at 200 (RFC 7644 §3.4.2.4)', () => {
    expect(scimListQuerySchema.parse({})).toEqual({ startIndex: 1, count: 200 });
    expect(scimListQuerySchema.parse({ startIndex: '0', count: '5000' })).toEqual({
      startIndex: 1,
      count: 200,
    });
    expect(scimListQuerySchema.parse({ count: '-3', attributes: 'userName' })).toMatchObject({
      count: 0,
    });
  });

  it('reads PatchOp ops in any case and asks for the PatchOp schema', () => {
    const patch = scimPatchSchema.parse({
      schemas: [scimUrns.patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(patch.Operations[0]?.op).toBe('replace');
    expect(scimPatchSchema.safeParse({ schemas: [], Operations: [{ op: 'add' }] }).success).toBe(
      false,
    );
  });

  it('answers a user as a SCIM User: email as userName, active from the status, ETag as version', () => {
    const resource = scimUserOf(user, '00u1', 'https://admin.example.com/scim/v2');
    expect(scimUserSchema.parse(resource)).toEqual(resource);
    expect(resource).toMatchObject({
      id: user.id,
      externalId: '00u1',
      userName: 'Ada@Acme.test',
      displayName: 'Ada Lovelace',
      active: false,
      [scimUrns.switchboardUser]: { isAdmin: true, canCreate: false, canShare: true },
      meta: {
        location: `https://admin.example.com/scim/v2/Users/${user.id}`,
        version: '"4"',
        lastModified: user.updatedAt,
      },
    });
    expect(scimUserOf({ ...user, status: 'pending' }, null, '').active).toBe(true);
    expect(scimUserOf(user, null, '')).not.toHaveProperty('externalId');
  });
});
