import { describe, expect, it } from 'vitest';
import { dayHeading, localDay } from './day-heading.js';
import { phoneNumberDisplay } from './phone-number-display.js';
import { verificationMessage } from './verification-message.js';

describe('dayHeading', () => {
  const now = new Date(2026, 10, 23, 15, 0);
  it('says Today and Yesterday by the local calendar, else the date', () => {
    expect(dayHeading(new Date(2026, 10, 23, 0, 5).toISOString(), now)).toBe('Today');
    expect(dayHeading(new Date(2026, 10, 22, 23, 59).toISOString(), now)).toBe('Yesterday');
    expect(dayHeading(new Date(2026, 10, 20, 12).toISOString(), now, 'en-GB')).toMatch(
      /^Friday,? 20 November 2026$/,
    );
    expect(localDay(new Date(2026, 0, 5, 1))).toBe('2026-01-05');
  });
});

describe('phoneNumberDisplay', () => {
  it('groups a North American number, and leaves others as they are', () => {
    expect(phoneNumberDisplay('+18005550100')).toBe('+1 800 555 0100');
    expect(phoneNumberDisplay('+442071838750')).toBe('+442071838750');
  });
});

describe('verificationMessage', () => {
  it('says the log is untouched, with how many events were checked', () => {
    expect(verificationMessage({ ok: true, checked: 42, firstBrokenEventId: null })).toBe(
      'Log verified: 42 events, untouched',
    );
    expect(verificationMessage({ ok: true, checked: 1, firstBrokenEventId: null })).toBe(
      'Log verified: 1 event, untouched',
    );
  });

  it('names the first broken event, with its sentence when the timeline has it', () => {
    const broken = { ok: false, checked: 7, firstBrokenEventId: 'evt_7' };
    expect(verificationMessage(broken)).toBe(
      'The log was changed after it was written: event evt_7 and the events after it do not verify.',
    );
    const at = '2026-11-23T09:00:00.000Z';
    expect(verificationMessage(broken, { sentence: 'Ada Admin added Grace Hopper', at })).toBe(
      `The log was changed after it was written: event evt_7 (“Ada Admin added Grace Hopper”, ${new Date(at).toLocaleString()}) and the events after it do not verify.`,
    );
    expect(verificationMessage({ ok: false, checked: 3, firstBrokenEventId: null })).toMatch(
      /newest events were removed/,
    );
  });
});
