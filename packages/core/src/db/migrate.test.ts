import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { createSwitchboard } from '../create-switchboard.js';
import { silentLogger } from '../shared/logger.js';
import { migrations } from './migrations/index.js';

describe.each(testDatabaseKinds)('migrate on $name', (kind) => {
  let t: TestSwitchboard | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('is idempotent and records migrations in our own table', async () => {
    t = await createTestSwitchboard(kind);
    expect(await t.sb.migrate()).toEqual([]);
    const applied = await t.sb.db
      .selectFrom('switchboard_migration' as never)
      .select(sql<string>`name`.as('name'))
      .execute();
    expect(applied.map((r) => r.name)).toEqual(migrations.map(([name]) => name));
  });

  it('runs once when several processes start at the same moment', async () => {
    const database = await kind.create();
    const instances = Array.from({ length: 4 }, () =>
      createSwitchboard({
        database: database.reopen(),
        logger: silentLogger,
        mailRetryIntervalSeconds: 0,
      }),
    );
    try {
      const results = await Promise.all(instances.map((sb) => sb.migrate()));
      expect(results.flat().sort()).toEqual(migrations.map(([name]) => name).sort());
      expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
      const first = instances[0];
      if (!first) throw new Error('no instance');
      const rows = await first.db
        .selectFrom('switchboard_migration' as never)
        .select(sql`name`.as('name'))
        .execute();
      expect(rows).toHaveLength(migrations.length);
    } finally {
      for (const sb of instances) await sb.close();
      await database.drop();
    }
  });

  it('enforces the unique normalised email in the database itself (U1)', async () => {
    t = await createTestSwitchboard(kind);
    const { account } = await t.sb.operator.createAccount({
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    const now = new Date().toISOString();
    const row = (id: string) => ({
      id,
      account_id: account.id,
      first_name: 'A',
      last_name: 'B',
      email: 'X@acme.test',
      email_key: 'x@acme.test',
      is_admin: false,
      can_create: false,
      can_share: false,
      two_factor_enabled: false,
      status: 'pending' as const,
      password_hash: null,
      created_at: now,
      updated_at: now,
    });
    await t.sb.db.insertInto('users').values(row('usr_first0000000')).execute();
    await expect(
      t.sb.db.insertInto('users').values(row('usr_second000000')).execute(),
    ).rejects.toThrow();
  });
});
