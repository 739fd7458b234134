/** The one method of the async Clipboard API that copying needs. */
export interface TextClipboard {
  writeText(text: string): Promise<void>;
}

/** The field holding the text, for the fallback: it selects its text and copies the selection. */
export interface CopyableField {
  focus(): void;
  select(): void;
  ownerDocument: { execCommand(command: string): boolean };
}

/**
 * Puts `text` on the clipboard, and says whether it got there. The Clipboard API exists
 * only on secure pages (https, or http on localhost); elsewhere, or when the browser refuses,
 * the text of `field` is selected and copied as a selection. When that fails too it stays
 * selected, for the user's own Ctrl+C.
 *
 * @example if (!(await copyText(token, input))) showHint('Press Ctrl+C to copy it.');
 */
export async function copyText(
  text: string,
  field?: CopyableField,
  clipboard: TextClipboard | undefined = globalThis.navigator?.clipboard,
): Promise<boolean> {
  if (clipboard) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, the page not focused): copy the selection instead.
    }
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return field.ownerDocument.execCommand('copy');
  } catch {
    return false;
  }
}
