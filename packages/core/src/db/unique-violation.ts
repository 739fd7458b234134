/**
 * True when `error` is a unique-constraint violation of the named index, on either dialect.
 * SQLite names the columns (`users.email_key`), PostgreSQL the index (`users_email_key_unique`).
 */
export function isUniqueViolation(
  error: unknown,
  index: { name: string; columns: string },
): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message, errcode } = error as {
    code?: string;
    constraint?: string;
    message?: string;
    errcode?: number;
  };
  if (code === '23505') return constraint === index.name;
  // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555)
  if (errcode === 2067 || errcode === 1555) return message?.includes(index.columns) ?? false;
  return false;
}
