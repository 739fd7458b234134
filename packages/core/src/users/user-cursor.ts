import { SwitchboardError } from '../errors/switchboard-error.js';

/** Where a page of users ends: the last row's sort key (U7). */
export interface UserCursor {
  lastName: string;
  firstName: string;
  id: string;
}

/** An opaque cursor for the page after `row`. */
export function encodeUserCursor(row: UserCursor): string {
  return Buffer.from(JSON.stringify([row.lastName, row.firstName, row.id])).toString('base64url');
}

/** Reads a cursor; a malformed one is `validation_failed` on `cursor`. */
export function decodeUserCursor(cursor: string): UserCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) {
      const [lastName, firstName, id] = value as [string, string, string];
      return { lastName, firstName, id };
    }
  } catch {
    // fall through
  }
  throw new SwitchboardError('validation_failed', 'The cursor is not one this API gave out', {
    issues: [{ path: 'cursor', message: 'Invalid cursor' }],
  });
}

/** A LIKE pattern matching values that start with `prefix`, where `%`, `_` and `\` are literal. */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
