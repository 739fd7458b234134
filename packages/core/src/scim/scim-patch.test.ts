import { scimUrns } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { scimErrorTypeOf } from './scim-error-type.js';
import { applyScimPatch } from './scim-patch.js';
import type { ScimUserState } from './scim-user-state.js';

const ada: ScimUserState = {
  userName: 'ada@acme.test',
  givenName: 'Ada',
  familyName: 'Lovelace',
  externalId: 'ext-1',
  active: true,
  isAdmin: false,
  canCreate: false,
  canShare: false,
};
const ext = scimUrns.switchboardUser;
type Op = Parameters<typeof applyScimPatch>[1][number];
const patch = (...operations: Op[]) => applyScimPatch(ada, operations);

function refusal(...operations: Op[]): string | undefined {
  try {
    patch(...operations);
  } catch (error) {
    if (isSwitchboardError(error)) return scimErrorTypeOf(error);
  }
  return 'accepted';
}

describe('applyScimPatch', () => {
  it('deactivates with Entra’s Replace of active with the string "False" (and reactivates with "True")', () => {
    expect(patch({ op: 'replace', path: 'active', value: 'False' }).active).toBe(false);
    expect(
      applyScimPatch({ ...ada, active: false }, [{ op: 'replace', path: 'active', value: 'True' }])
        .active,
    ).toBe(true);
  });

  it('deactivates with Okta’s replace without a path: { active: false }', () => {
    expect(patch({ op: 'replace', value: { active: false } })).toEqual({ ...ada, active: false });
  });

  it('changes the email through emails[type eq "work"].value, emails.value, emails or userName', () => {
    const to = 'ada@new.test';
    for (const operation of [
      { op: 'replace', path: 'emails[type eq "work"].value', value: to },
      { op: 'add', path: 'emails[primary eq true].value', value: to },
      { op: 'replace', path: 'emails.value', value: to },
      { op: 'replace', path: 'userName', value: to },
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'x@home.test', type: 'home' },
          { value: to, type: 'work' },
        ],
      },
      { op: 'replace', path: 'emails[type eq "work"]', value: { value: to } },
      { op: 'replace', value: { userName: to } },
    ] as Op[]) {
      expect(patch(operation).userName, JSON.stringify(operation)).toBe(to);
    }
  });

  it('leaves the email alone for another type of email, or a userName that is not an email (an Entra UPN)', () => {
    expect(
      patch({ op: 'replace', path: 'emails[type eq "home"].value', value: 'h@x.test' }),
    ).toEqual(ada);
    expect(patch({ op: 'replace', path: 'userName', value: 'ada_upn' })).toEqual(ada);
  });

  it('sets names by path, by the name object, or by dotted keys of a value without path', () => {
    expect(patch({ op: 'replace', path: 'name.givenName', value: 'Augusta' }).givenName).toBe(
      'Augusta',
    );
    expect(patch({ op: 'Add' as 'add', path: 'NAME.FAMILYNAME', value: 'King' }).familyName).toBe(
      'King',
    );
    expect(
      patch({
        op: 'replace',
        path: 'name',
        value: { givenName: 'A', familyName: 'K', formatted: 'A K' },
      }),
    ).toMatchObject({ givenName: 'A', familyName: 'K' });
    expect(
      patch({ op: 'replace', value: { 'name.givenName': 'G', displayName: 'ignored' } }).givenName,
    ).toBe('G');
  });

  it('sets and removes the extension’s flags and the externalId', () => {
    expect(patch({ op: 'replace', path: `${ext}:isAdmin`, value: 'True' }).isAdmin).toBe(true);
    expect(
      patch({ op: 'add', path: ext, value: { canCreate: true, canShare: 'true' } }),
    ).toMatchObject({ canCreate: true, canShare: true });
    expect(patch({ op: 'replace', value: { [ext]: { isAdmin: true } } }).isAdmin).toBe(true);
    expect(patch({ op: 'replace', value: { [`${ext}:canShare`]: true } }).canShare).toBe(true);
    expect(
      applyScimPatch({ ...ada, isAdmin: true }, [{ op: 'remove', path: `${ext}:isAdmin` }]).isAdmin,
    ).toBe(false);
    expect(patch({ op: 'remove', path: 'externalId' }).externalId).toBeNull();
    expect(patch({ op: 'replace', path: 'externalId', value: 'ext-2' }).externalId).toBe('ext-2');
  });

  it('ignores attributes Switchboard does not keep', () => {
    expect(
      patch(
        { op: 'replace', path: 'displayName', value: 'Countess' },
        { op: 'add', path: 'title', value: 'Analyst' },
        {
          op: 'replace',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
          value: { value: 'x' },
        },
        { op: 'remove', path: 'phoneNumbers[type eq "work"]' },
        {
          op: 'replace',
          value: {
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
            locale: 'en',
          },
        },
      ),
    ).toEqual(ada);
  });

  it('applies operations in order and leaves the given state as it was', () => {
    const next = patch(
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'active', value: true },
      { op: 'replace', path: 'name.givenName', value: 'Augusta' },
    );
    expect(next).toEqual({ ...ada, givenName: 'Augusta' });
    expect(ada.givenName).toBe('Ada');
  });

  it('refuses a bad path, a bad value, a remove without path or of a required attribute', () => {
    expect(refusal({ op: 'replace', path: 'name..givenName', value: 'x' })).toBe('invalidPath');
    expect(refusal({ op: 'replace', path: 'emails[value co "x"].value', value: 'x' })).toBe(
      'invalidPath',
    );
    expect(refusal({ op: 'replace', path: 'active', value: 'maybe' })).toBe('invalidValue');
    expect(refusal({ op: 'replace', path: 'name.givenName', value: 42 })).toBe('invalidValue');
    expect(refusal({ op: 'replace', value: 'not an object' })).toBe('invalidValue');
    expect(refusal({ op: 'remove' })).toBe('noTarget');
    expect(refusal({ op: 'remove', path: 'userName' })).toBe('invalidValue');
    expect(refusal({ op: 'remove', path: 'active' })).toBe('invalidValue');
  });
});
