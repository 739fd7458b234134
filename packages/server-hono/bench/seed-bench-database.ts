import {
  createSwitchboard,
  newKeyRingEntry,
  operatorActor,
  postgres,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { isPostgresUrl } from './bench-database.ts';

/** What the workloads need to know about the seeded data. */
export interface Seeded {
  adminEmail: string;
  password: string;
  sessionToken: string;
  /** The account, and its admin (the signed-in user). */
  accountId: string;
  adminId: string;
  /** A user id to fetch, phone number ids, and two owners to alternate between. */
  userId: string;
  phoneNumberIds: string[];
  owners: [string, string];
  /** Cursor of the page after the first 5,000 users (by name). */
  deepCursor: string;
  secretKeys: string;
}

/**
 * An account of `users` users (inserted in bulk), 200 phone numbers and 10 integrations,
 * with an active admin signed in.
 */
export async function seedBenchDatabase(databaseUrl: string, users = 10_000): Promise<Seeded> {
  const secretKeys = newKeyRingEntry('bench');
  const sb = createSwitchboard({
    database: isPostgresUrl(databaseUrl) ? postgres(databaseUrl) : sqlite(databaseUrl),
    logger: silentLogger,
    mailer: { send: async () => {} },
    secretKeys,
    mailRetryIntervalSeconds: 0,
  });
  try {
    await sb.migrate();
    const password = 'benchmark passphrase, long enough';
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Bench Corp',
      admin: { firstName: 'Ada', lastName: 'Admin', email: 'admin@bench.test' },
    });
    const { token } = await sb.identity.activate({
      token: new URL(created.activationLink).searchParams.get('token') ?? '',
      password,
    });
    const admin = await sb.identity.actorFor(created.admin.id);
    const now = new Date().toISOString();
    const rows = Array.from({ length: users - 1 }, (_, i) => ({
      id: `usr_bench${String(i).padStart(20, '0')}`,
      account_id: admin.accountId,
      first_name: `First${i % 97}`,
      last_name: `Last${String((i * 7919) % users).padStart(5, '0')}`,
      email: `user${i}@bench.test`,
      email_key: `user${i}@bench.test`,
      is_admin: false,
      can_create: i % 2 === 0,
      can_share: i % 3 === 0,
      two_factor_enabled: false,
      status: 'active' as const,
      password_hash: null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await sb.db
        .insertInto('users')
        .values(rows.slice(i, i + 500))
        .execute();
    const numbers = Array.from({ length: 200 }, (_, i) => ({
      id: `pn_bench${String(i).padStart(20, '0')}`,
      account_id: admin.accountId,
      number: `+1800555${String(i).padStart(4, '0')}`,
      owner_id: admin.userId,
      pci: false,
      application_id: null,
      status: 'active' as const,
      provider_ref: null,
      created_at: now,
      updated_at: now,
    }));
    await sb.db.insertInto('phone_numbers').values(numbers).execute();
    for (let i = 0; i < 10; i++) {
      await sb.integrations.add(
        admin,
        {
          service: 's3',
          name: `Recordings ${i}`,
          key: 'AKIAIOSFODNN7EXAMPLE',
          secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        },
        { verify: false },
      );
    }
    let cursor: string | null = null;
    for (let seen = 0; seen < 5_000; seen += 100) {
      cursor = (await sb.users.list(admin, { limit: 100, ...(cursor ? { cursor } : {}) }))
        .nextCursor;
    }
    return {
      adminEmail: 'admin@bench.test',
      password,
      sessionToken: token,
      accountId: admin.accountId,
      adminId: admin.userId,
      userId: rows[4242]?.id ?? '',
      phoneNumberIds: numbers.map((n) => n.id),
      owners: [admin.userId, rows[1]?.id ?? ''],
      deepCursor: cursor ?? '',
      secretKeys,
    };
  } finally {
    await sb.close();
  }
}
