/**
 * True when `error` is a foreign-key violation, on either dialect: a row names another that
 * a concurrent change has just removed (a number given to a user being deleted, say).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode } = error as { code?: string; errcode?: number };
  // PostgreSQL 23503; SQLITE_CONSTRAINT_FOREIGNKEY (787).
  return code === '23503' || errcode === 787;
}
