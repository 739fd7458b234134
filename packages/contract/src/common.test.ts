import { describe, expect, it } from 'vitest';
import {
  emailSchema,
  hasControlCharacters,
  multiLineText,
  nameSchema,
  pathIdSchema,
  singleLineText,
} from './common.js';

const controls = ['\u0000', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f'];

describe('control characters in text (item 9)', () => {
  it('refuses NUL and every other C0 control character in names, emails and path ids', () => {
    for (const c of [...controls, '\t', '\n', '\r']) {
      expect(nameSchema.safeParse(`Ada${c}Lovelace`).success, JSON.stringify(c)).toBe(false);
      expect(emailSchema.safeParse(`ada${c}@acme.test`).success, JSON.stringify(c)).toBe(false);
      expect(pathIdSchema.safeParse(`usr_${c}`).success, JSON.stringify(c)).toBe(false);
      expect(singleLineText(100).safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
    }
  });

  it('allows tabs and line breaks in multi-line text, and no other control character', () => {
    expect(multiLineText(500).parse('Recordings of the IVR\n\tline two\r\n')).toBe(
      'Recordings of the IVR\n\tline two',
    );
    for (const c of controls)
      expect(multiLineText(500).safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
  });

  it('still trims before checking, so a pasted trailing line break is not an error', () => {
    expect(nameSchema.parse('  Ada\n')).toBe('Ada');
    expect(emailSchema.parse('ada@acme.test\r\n')).toBe('ada@acme.test');
  });

  it('accepts ordinary Unicode text, and any clean path id (the service answers 404 for unknown ones)', () => {
    expect(nameSchema.parse('Zoë Ørsted-Łukasiewicz 李')).toBe('Zoë Ørsted-Łukasiewicz 李');
    expect(pathIdSchema.parse('a\\b')).toBe('a\\b');
    expect(hasControlCharacters('tab\there', { multiLine: true })).toBe(false);
    expect(hasControlCharacters('tab\there')).toBe(true);
  });

  it('reports the problem as a field issue message', () => {
    const result = nameSchema.safeParse('Ada\u0000');
    expect(result.error?.issues[0]?.message).toMatch(/control characters/i);
  });
});
