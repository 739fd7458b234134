import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { scimErrorTypeOf } from './scim-error-type.js';
import { parseScimFilter } from './scim-filter.js';

/** The scimType of the error parsing `filter` throws. */
function refusal(filter: string): string | undefined {
  try {
    parseScimFilter(filter);
  } catch (error) {
    if (isSwitchboardError(error)) return scimErrorTypeOf(error);
  }
  return 'accepted';
}

describe('parseScimFilter', () => {
  it('compares userName and emails.value by the email key of U1 (Okta’s case check)', () => {
    expect(parseScimFilter('userName eq "Ada.Lovelace@Example.COM"')).toEqual({
      emailKey: 'ada.lovelace@example.com',
    });
    expect(parseScimFilter('emails.value eq " ada＠example.com "')).toEqual({
      emailKey: 'ada@example.com',
    });
  });

  it('reads externalId exactly, active as a boolean, id, and attribute names in any case', () => {
    expect(parseScimFilter('externalId eq "00uAbC"')).toEqual({ externalId: '00uAbC' });
    expect(parseScimFilter('ACTIVE EQ false')).toEqual({ active: false });
    expect(parseScimFilter('active eq "True"')).toEqual({ active: true });
    expect(parseScimFilter('id eq "usr_1"')).toEqual({ id: 'usr_1' });
    expect(
      parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.test"'),
    ).toEqual({ emailKey: 'a@b.test' });
  });

  it('joins terms with and, in parentheses or not, and reads JSON string escapes', () => {
    expect(
      parseScimFilter(
        '(userName eq "a@b.test") and (externalId eq "x \\"y\\"" and active eq true)',
      ),
    ).toEqual({ emailKey: 'a@b.test', externalId: 'x "y"', active: true });
  });

  it('matches nobody when one attribute must have two values', () => {
    expect(parseScimFilter('userName eq "a@b.test" and emails.value eq "c@d.test"')).toMatchObject({
      none: true,
    });
    expect(parseScimFilter('active eq true and active eq true')).toEqual({ active: true });
  });

  it('refuses what it does not support with invalidFilter', () => {
    for (const filter of [
      'userName eq "a@b.test" or userName eq "c@d.test"',
      'userName co "ada"',
      'userName sw "ada"',
      'not (active eq true)',
      'displayName eq "Ada"',
      'emails[type eq "work"].value eq "a@b.test"',
      'meta.lastModified gt "2026-01-01T00:00:00Z"',
      'userName eq',
      'userName eq "open',
      'userName eq ada@b.test',
      'active eq maybe',
      '(userName eq "a@b.test"',
      'userName eq "a@b.test" extra',
      '',
    ]) {
      expect(refusal(filter), filter).toBe('invalidFilter');
    }
  });
});
