import { scimUrns, scimUserInputSchema } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { assertedState, emailOf, userEditOf } from './scim-user-state.js';

describe('assertedState', () => {
  it('reads Okta’s create body: userName is the email, names, active, externalId', () => {
    const body = scimUserInputSchema.parse({
      schemas: [scimUrns.user],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(assertedState(body)).toEqual({
      userName: 'test.user@okta.local',
      givenName: 'Test',
      familyName: 'User',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
    });
  });

  it('takes Entra’s primary work email when userName is a UPN that is not an email', () => {
    const body = scimUserInputSchema.parse({
      schemas: [scimUrns.user, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee',
      active: 'True',
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(assertedState(body)).toMatchObject({
      userName: 'Test_User_fd0ea19b@testuser.com',
      active: true,
    });
  });

  it('splits displayName when name is missing, and reads the extension’s flags', () => {
    const body = scimUserInputSchema.parse({
      userName: 'grace@navy.test',
      displayName: 'Grace Brewster Hopper',
      [scimUrns.switchboardUser]: { isAdmin: 'true', canShare: false },
    });
    expect(assertedState(body)).toEqual({
      userName: 'grace@navy.test',
      givenName: 'Grace Brewster',
      familyName: 'Hopper',
      isAdmin: true,
      canShare: false,
    });
  });

  it('treats an empty externalId as none', () => {
    expect(assertedState(scimUserInputSchema.parse({ externalId: '' })).externalId).toBeNull();
  });
});

describe('emailOf', () => {
  it('prefers an email userName, then the primary, the work, the first email', () => {
    expect(emailOf({ userName: 'a@x.test', emails: [{ value: 'b@x.test', primary: true }] })).toBe(
      'a@x.test',
    );
    expect(
      emailOf({
        userName: 'upn',
        emails: [
          { value: 'home@x.test', type: 'home' },
          { value: 'work@x.test', type: 'work' },
        ],
      }),
    ).toBe('work@x.test');
    expect(emailOf({ userName: 'upn', emails: [] })).toBe('upn');
    expect(emailOf({})).toBeUndefined();
  });
});

describe('userEditOf', () => {
  it('is the users-service edit of every kept attribute, status from active', () => {
    expect(
      userEditOf({
        userName: 'a@x.test',
        givenName: 'A',
        familyName: 'B',
        externalId: null,
        active: false,
        isAdmin: true,
        canCreate: false,
        canShare: true,
      }),
    ).toEqual({
      firstName: 'A',
      lastName: 'B',
      email: 'a@x.test',
      isAdmin: true,
      permissions: { canCreate: false, canShare: true },
      status: 'deactivated',
    });
  });
});
