import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Logger, newKeyRingEntry } from '@switchboard/core';

/**
 * The key ring when SWITCHBOARD_SECRET_KEYS is unset: a key generated once and kept in
 * `secret-keys` (mode 0600) beside the SQLite database, with a warning. Development only:
 * production sets SWITCHBOARD_SECRET_KEYS.
 */
export function developmentSecretKeys(
  databaseUrl: string,
  logger: Pick<Logger, 'warn'>,
): string | undefined {
  if (/^postgres(ql)?:\/\//.test(databaseUrl) || databaseUrl === ':memory:') return undefined;
  const file = join(dirname(databaseUrl), 'secret-keys');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${newKeyRingEntry('dev1')}\n`, { mode: 0o600 });
  }
  logger.warn(
    `SWITCHBOARD_SECRET_KEYS is not set: integration secrets are sealed with a development key kept in ${file}`,
  );
  return readFileSync(file, 'utf8').trim();
}
