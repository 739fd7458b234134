import { SwitchboardError } from '../errors/switchboard-error.js';

/** An opaque cursor holding the sort key of the last row of a page. */
export function encodeKeysetCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Reads a cursor of `length` strings; a malformed one is `validation_failed` on `cursor`. */
export function decodeKeysetCursor(cursor: string, length: number): string[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === length &&
      value.every((v) => typeof v === 'string')
    ) {
      return value as string[];
    }
  } catch {
    // fall through
  }
  throw new SwitchboardError('validation_failed', 'The cursor is not one this API gave out', {
    issues: [{ path: 'cursor', message: 'Invalid cursor' }],
  });
}
