/** A stored timestamp as ISO 8601 UTC, whether the driver gave a string or a Date. */
export function isoTimestamp(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** A stored boolean (0/1 on SQLite) as a boolean. */
export function bool(value: boolean | number): boolean {
  return value === true || value === 1;
}
