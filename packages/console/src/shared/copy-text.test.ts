import { describe, expect, it } from 'vitest';
import { type CopyableField, copyText, type TextClipboard } from './copy-text.js';

const clipboard = (refuses = false) => {
  const copied: string[] = [];
  const board: TextClipboard = {
    writeText: async (text) => {
      if (refuses) throw new Error('NotAllowedError');
      copied.push(text);
    },
  };
  return { board, copied };
};

const field = (copies: boolean) => {
  const calls: string[] = [];
  const input: CopyableField = {
    focus: () => calls.push('focus'),
    select: () => calls.push('select'),
    ownerDocument: {
      execCommand: (command) => {
        calls.push(command);
        return copies;
      },
    },
  };
  return { input, calls };
};

describe('copyText', () => {
  it('puts the text on the clipboard when the Clipboard API takes it', async () => {
    const { board, copied } = clipboard();
    const { input, calls } = field(true);
    expect(await copyText('swb_scim_x', input, board)).toBe(true);
    expect(copied).toEqual(['swb_scim_x']);
    expect(calls).toEqual([]);
  });

  it("copies the field's selected text when the Clipboard API refuses or is missing", async () => {
    const refused = field(true);
    expect(await copyText('swb_scim_x', refused.input, clipboard(true).board)).toBe(true);
    expect(refused.calls).toEqual(['focus', 'select', 'copy']);
    const missing = field(true);
    expect(await copyText('swb_scim_x', missing.input, undefined)).toBe(true);
    expect(missing.calls).toEqual(['focus', 'select', 'copy']);
  });

  it('says it failed, with the text left selected, when nothing can copy', async () => {
    const { input, calls } = field(false);
    expect(await copyText('swb_scim_x', input, undefined)).toBe(false);
    expect(calls).toEqual(['focus', 'select', 'copy']);
    expect(await copyText('swb_scim_x', undefined, clipboard(true).board)).toBe(false);
  });
});
