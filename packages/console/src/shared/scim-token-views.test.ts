import type { ScimToken } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { revokeConfirmation, timeText, tokenTitle } from './scim-token-views.js';

const okta: ScimToken = {
  id: 'sct_0123456789ab',
  description: 'Okta',
  createdAt: '2026-11-23T10:05:00.000Z',
  lastUsedAt: null,
};

describe('timeText', () => {
  it("gives the date and the minute in the browser's language and time zone", () => {
    expect(timeText(okta.createdAt, 'en-GB', 'UTC')).toBe('23 Nov 2026, 10:05');
    // Newer ICU puts a narrow no-break space before AM: any space will do.
    expect(timeText(okta.createdAt, 'en-US', 'America/New_York').replace(/\s/g, ' ')).toBe(
      'Nov 23, 2026, 5:05 AM',
    );
  });
});

describe('tokenTitle', () => {
  it('names a token by its description', () => {
    expect(tokenTitle(okta)).toBe('the token “Okta”');
  });

  it('names a token without one by when it was created', () => {
    expect(tokenTitle({ ...okta, description: '' }, 'en-GB', 'UTC')).toBe(
      'the token created 23 Nov 2026, 10:05',
    );
  });
});

describe('revokeConfirmation', () => {
  it('asks before revoking, saying the identity provider is refused from then on', () => {
    const question = revokeConfirmation(okta);
    expect(question.title).toBe('Revoke the token “Okta”?');
    expect(question.message).toMatch(/refused from its next request on/);
    expect(question.confirmLabel).toBe('Yes, revoke');
  });
});
