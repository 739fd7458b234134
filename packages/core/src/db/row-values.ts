import { isoTime } from '../shared/iso-time.js';

/**
 * What `Date.prototype.toISOString()` writes for years 0001–9999, on a day of the month
 * every month has (01–28): days 29–31 exist only in some months and are left to `Date`,
 * which rolls them over. One test, no slicing: it runs for every timestamp of every row.
 */
const canonicalIso =
  /^(?!0000)\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * A stored timestamp as ISO 8601 UTC, whether the driver gave a string or a Date. Switchboard
 * writes its timestamps with `toISOString()`, so a string already in that form is returned
 * as it is, without a parse and a format (several per row of a page).
 */
export function isoTimestamp(value: string | Date): string {
  if (value instanceof Date) return isoTime(value.getTime());
  return canonicalIso.test(value) ? value : new Date(value).toISOString();
}

/** A stored boolean (0/1 on SQLite) as a boolean. */
export function bool(value: boolean | number): boolean {
  return value === true || value === 1;
}
