import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { holdSqliteWriteLock } from '../../test/support/sqlite-write-lock.js';
import { type TestDatabase, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { createSwitchboard, type Switchboard } from '../create-switchboard.js';
import { silentLogger } from '../shared/logger.js';
import { operatorActor } from '../shared/operator-actor.js';
import { migrationLockTableName, migrationTableName } from './migrate.js';
import { migrations } from './migrations/index.js';
import { sqlite } from './sqlite-dialect.js';
import { isUniqueViolation } from './unique-violation.js';

const allNames = migrations.map(([name]) => name);

/** How many times each migration is recorded as applied. */
async function recorded(sb: Switchboard): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; times: number | string }>`
    select name, count(*) as times from ${sql.table(migrationTableName)} group by name
  `.execute(sb.db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.times)]));
}

describe.each(testDatabaseKinds)('migrate on $name', (kind) => {
  let t: TestSwitchboard | undefined;
  let database: TestDatabase | undefined;
  const instances: Switchboard[] = [];

  /** A Switchboard on `database` that has not migrated yet, like a process just started. */
  function startProcess(db: TestDatabase): Switchboard {
    const sb = createSwitchboard({
      database: db.reopen(),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
    });
    instances.push(sb);
    return sb;
  }

  afterEach(async () => {
    for (const sb of instances.splice(0)) await sb.close();
    await t?.close();
    t = undefined;
    await database?.drop();
    database = undefined;
  });

  it('applies every migration on an empty database, in order', async () => {
    database = await kind.create();
    expect(await startProcess(database).migrate()).toEqual(allNames);
  });

  it('applies nothing when it runs a second time', async () => {
    t = await createTestSwitchboard(kind);
    expect(await t.sb.migrate()).toEqual([]);
    expect(await (await t.another()).migrate()).toEqual([]);
    expect(await recorded(t.sb)).toEqual(Object.fromEntries(allNames.map((n) => [n, 1])));
  });

  it('keeps its history in switchboard_migration, never in kysely_migration', async () => {
    t = await createTestSwitchboard(kind);
    const tables = (await t.sb.db.introspection.getTables({ withInternalKyselyTables: true })).map(
      (table) => table.name,
    );
    expect(tables).toContain('switchboard_migration');
    expect(tables).toContain('switchboard_migration_lock');
    expect(migrationTableName).toBe('switchboard_migration');
    expect(migrationLockTableName).toBe('switchboard_migration_lock');
    expect(tables).not.toContain('kysely_migration');
    expect(tables).not.toContain('kysely_migration_lock');
  });

  it('runs migrations once when two processes start at once', async () => {
    database = await kind.create();
    const [first, second] = [startProcess(database), startProcess(database)];
    if (!first || !second) throw new Error('two instances expected');
    const results = await Promise.all([first.migrate(), second.migrate()]);
    // One applied everything, the other waited for it and found nothing left to do.
    expect([...results].sort((a, b) => a.length - b.length)).toEqual([[], allNames]);
    expect(await recorded(first)).toEqual(Object.fromEntries(allNames.map((n) => [n, 1])));
  });

  it('runs migrations once when five processes start at once', async () => {
    database = await kind.create();
    const db = database;
    const started = Array.from({ length: 5 }, () => startProcess(db));
    const results = await Promise.all(started.map((sb) => sb.migrate()));
    expect(results.flat()).toEqual(allNames);
    expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
    const any = started[4];
    if (!any) throw new Error('five instances expected');
    expect(await recorded(any)).toEqual(Object.fromEntries(allNames.map((n) => [n, 1])));
  });

  it('rejects a second user with the same normalised email in the database itself (U1)', async () => {
    t = await createTestSwitchboard(kind);
    const { account } = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    const now = new Date().toISOString();
    const row = (id: string, email: string) => ({
      id,
      account_id: account.id,
      first_name: 'A',
      last_name: 'B',
      email,
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
    await t.sb.db.insertInto('users').values(row('usr_first0000000', 'x@acme.test')).execute();
    const error = await failure(
      t.sb.db.insertInto('users').values(row('usr_second000000', 'X@Acme.test')).execute(),
    );
    expect(
      isUniqueViolation(error, { name: 'users_email_key_unique', columns: 'users.email_key' }),
    ).toBe(true);
    const keys = await t.sb.db
      .selectFrom('users')
      .select('id')
      .where('email_key', '=', 'x@acme.test')
      .execute();
    expect(keys).toEqual([{ id: 'usr_first0000000' }]);
  });
});

describe('migrate on sqlite beside another process', () => {
  it('waits for another process writing to the file instead of failing', async () => {
    const database = await testDatabaseKinds[0]?.create();
    if (!database?.file) throw new Error('a SQLite test database expected');
    const held = await holdSqliteWriteLock(
      database.file,
      300,
      'CREATE TABLE other_app (id INTEGER PRIMARY KEY)',
    );
    const sb = createSwitchboard({
      database: sqlite(database.file),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
    });
    try {
      const started = Date.now();
      expect(await sb.migrate()).toEqual(allNames);
      const committed = await held.released;
      expect(started).toBeLessThan(committed);
      const tables = (await sb.db.introspection.getTables()).map((table) => table.name);
      expect(tables).toEqual(expect.arrayContaining(['other_app', 'users', 'mail_outbox']));
    } finally {
      await sb.close();
      await database.drop();
    }
  });
});
