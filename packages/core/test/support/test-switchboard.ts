import {
  createSwitchboard,
  type Switchboard,
  type SwitchboardOptions,
} from '../../src/create-switchboard.js';
import type { MailMessage } from '../../src/mail/mailer.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { TestDatabase, TestDatabaseKind } from './test-databases.js';

/** A migrated Switchboard on a fresh database, with every sent email captured. */
export interface TestSwitchboard {
  sb: Switchboard;
  database: TestDatabase;
  sent: MailMessage[];
  /** A second Switchboard on the same database, like another server instance. */
  another(options?: Partial<SwitchboardOptions>): Promise<Switchboard>;
  close(): Promise<void>;
}

export async function createTestSwitchboard(
  kind: TestDatabaseKind,
  options: Partial<SwitchboardOptions> = {},
): Promise<TestSwitchboard> {
  const database = await kind.create();
  const sent: MailMessage[] = [];
  const base: Omit<SwitchboardOptions, 'database'> = {
    mailer: { send: async (message) => void sent.push(message) },
    logger: silentLogger,
    publicUrl: 'https://admin.example.test',
    mailFrom: 'hello@switchboard.test',
    mailRetryIntervalSeconds: 0,
    // Cheap hashes keep the suites fast; the ASVS default is tested in password-hasher.test.ts.
    passwordHashing: { logN: 10, r: 8, p: 1 },
    ...options,
  };
  const sb = createSwitchboard({ database: database.dialect, ...base });
  await sb.migrate();
  const others: Switchboard[] = [];
  return {
    sb,
    database,
    sent,
    async another(overrides = {}) {
      const other = createSwitchboard({ database: database.reopen(), ...base, ...overrides });
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      await sb.close();
      await database.drop();
    },
  };
}
