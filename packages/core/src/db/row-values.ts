/** What `Date.prototype.toISOString()` writes for years 0000–9999. */
const canonicalIso =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * A stored timestamp as ISO 8601 UTC, whether the driver gave a string or a Date. Switchboard
 * writes its timestamps with `toISOString()`, so a string already in that form is returned
 * as it is, without a parse and a format (several per row of a page).
 */
export function isoTimestamp(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  if (canonicalIso.test(value) && !value.startsWith('0000')) {
    const day = Number(value.slice(8, 10));
    // Days 29–31 exist only in some months; leave those to Date, which rolls them over.
    if (day <= 28) return value;
  }
  return new Date(value).toISOString();
}

/** A stored boolean (0/1 on SQLite) as a boolean. */
export function bool(value: boolean | number): boolean {
  return value === true || value === 1;
}
