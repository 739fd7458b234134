import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/keyset-cursor.js';

/** Where a page of users ends: the last row's sort key (U7). */
export interface UserCursor {
  lastName: string;
  firstName: string;
  id: string;
}

/** An opaque cursor for the page after `row`. */
export function encodeUserCursor(row: UserCursor): string {
  return encodeKeysetCursor([row.lastName, row.firstName, row.id]);
}

/** Reads a cursor; a malformed one is `validation_failed` on `cursor`. */
export function decodeUserCursor(cursor: string): UserCursor {
  const [lastName = '', firstName = '', id = ''] = decodeKeysetCursor(cursor, 3);
  return { lastName, firstName, id };
}

/** A LIKE pattern matching values that start with `prefix`, where `%`, `_` and `\` are literal. */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
