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

/**
 * Turns `limit + 1` fetched rows into a page: the first `limit` rows, and a cursor when
 * there was one more (built from the last row shown by `keyOf`).
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => readonly string[],
): { data: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeKeysetCursor(keyOf(last)) : null,
  };
}
