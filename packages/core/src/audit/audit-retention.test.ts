import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { type TestDatabase, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { createSwitchboard } from '../create-switchboard.js';
import { migrationLockTableName, migrationTableName } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { columnTypes } from '../db/migrations/migration-context.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import { silentLogger } from '../shared/logger.js';

const day = 86_400_000;
const system = { type: 'system' } as const;

describe.each(testDatabaseKinds)('audit retention on $name (E3)', (kind) => {
  let t: TestSwitchboard | undefined;
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await database?.drop();
    database = undefined;
  });

  async function withRetention(days: number | undefined) {
    const clock = new ManualClock();
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      clock,
      ...(days === undefined ? {} : { auditRetentionDays: days }),
    });
    const admin = await openAcmeAccount(t);
    const add = async (count: number, prefix: string) => {
      for (let i = 0; i < count; i++) {
        clock.advance(60_000);
        await t?.sb.users.add(admin, person('R', `${prefix}${i}`, `${prefix}${i}@acme.test`));
      }
    };
    return { sb: t.sb, admin, clock, add };
  }

  const actions = async (sb: TestSwitchboard['sb'], admin: Actor) =>
    (await sb.audit.list(admin, { limit: 100 })).data.map((e) => e.target.id);

  it('keeps everything by default', async () => {
    const { sb, admin, clock, add } = await withRetention(undefined);
    await add(3, 'old');
    clock.advance(400 * day);
    expect(await sb.audit.pruneExpired(system)).toBe(0);
    expect(await sb.audit.verify(admin)).toMatchObject({ ok: true, checked: 5 });
  });

  it('prunes events past the retention and still verifies, from a sealed checkpoint', async () => {
    const { sb, admin, clock, add } = await withRetention(7);
    await add(4, 'old');
    clock.advance(6 * day);
    await add(2, 'new');
    const kept = (await actions(sb, admin)).slice(0, 2);
    clock.advance(2 * day);
    expect(await sb.audit.pruneExpired(system)).toBe(6);
    expect(await actions(sb, admin)).toEqual(kept);
    expect(await sb.audit.verify(admin)).toEqual({
      ok: true,
      checked: 2,
      firstBrokenEventId: null,
    });
    // New events chain on; pruning again finds nothing more.
    await add(1, 'later');
    expect(await sb.audit.pruneExpired(system)).toBe(0);
    expect(await sb.audit.verify(admin)).toMatchObject({ ok: true, checked: 3 });
  });

  it('still finds a row removed after the checkpoint, and a checkpoint moved by hand', async () => {
    const { sb, admin, clock, add } = await withRetention(7);
    await add(3, 'old');
    clock.advance(8 * day);
    await add(3, 'new');
    await sb.audit.pruneExpired(system);
    const [first, second] = await sb.db
      .selectFrom('audit_events')
      .select(['id', 'seq'])
      .orderBy('seq')
      .execute();
    await sb.db
      .deleteFrom('audit_events')
      .where('id', '=', first?.id ?? '')
      .execute();
    expect(await sb.audit.verify(admin)).toMatchObject({
      ok: false,
      firstBrokenEventId: second?.id,
    });
    // Moving the start past the gap needs the checkpoint's seal, which needs the key.
    await sb.db
      .updateTable('audit_chains')
      .set({ start_seq: Number(first?.seq) })
      .where('account_id', '=', admin.accountId)
      .execute();
    expect(await sb.audit.verify(admin)).toMatchObject({
      ok: false,
      firstBrokenEventId: second?.id,
    });
  });

  it('prunes safely from two instances at once', async () => {
    const { sb, admin, clock, add } = await withRetention(1);
    await add(30, 'old');
    clock.advance(2 * day);
    await add(2, 'new');
    const other = await t?.another({ clock, auditRetentionDays: 1 });
    const counts = await Promise.all([
      sb.audit.pruneExpired(system),
      other?.audit.pruneExpired(system),
    ]);
    expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(32);
    expect(await sb.audit.verify(admin)).toEqual({
      ok: true,
      checked: 2,
      firstBrokenEventId: null,
    });
  });

  it('refuses a retention that is not a positive number of days', async () => {
    database = await kind.create();
    expect(() =>
      createSwitchboard({ database: database?.dialect ?? ({} as never), auditRetentionDays: 0 }),
    ).toThrow(/auditRetentionDays/);
  });

  it('seals the events recorded before seals existed (migration 0008), then under the key ring', async () => {
    database = await kind.create();
    const legacy = createSwitchboard({
      database: database.reopen(),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
    });
    const before = migrations.slice(
      0,
      migrations.findIndex(([name]) => name === '0008-audit-log'),
    );
    const types = columnTypes(kind.name);
    const migrator = new Migrator({
      db: legacy.db,
      migrationTableName,
      migrationLockTableName,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(
            before.map(([name, m]) => [name, { up: (db) => m.up(db as never, types) }]),
          ),
      },
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const db = legacy.db as unknown as import('kysely').Kysely<Record<string, never>>;
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
    await db
      .insertInto('accounts' as never)
      .values({
        id: 'acc_legacy',
        company_name: 'Legacy',
        demo: false,
        created_at: at(0),
        updated_at: at(0),
      } as never)
      .execute();
    for (let i = 0; i < 5; i++)
      await db
        .insertInto('audit_events' as never)
        .values({
          id: `evt_legacy${i}`,
          account_id: 'acc_legacy',
          actor_type: 'operator',
          actor_id: null,
          action: i === 0 ? 'account.created' : 'account.updated',
          target_type: 'account',
          target_id: 'acc_legacy',
          changed_fields: '["city"]',
          created_at: at(i % 2 === 0 ? 10 : 5 + i),
        } as never)
        .execute();
    await legacy.close();

    // Without a key ring, the migration's keyless chain verifies (and is all there is).
    const keyless = createSwitchboard({ database: database.reopen(), logger: silentLogger });
    await keyless.migrate();
    const operator = { type: 'operator' } as const;
    expect(await keyless.audit.verifyAccounts(operator)).toEqual([
      { accountId: 'acc_legacy', ok: true, checked: 5, firstBrokenEventId: null },
    ]);
    await keyless.close();

    // A Switchboard with a key ring seals them under its audit key at start-up.
    const keyed = createSwitchboard({
      database: database.reopen(),
      logger: silentLogger,
      secretKeys: newKeyRingEntry('k1'),
    });
    await keyed.migrate();
    const rows = await keyed.db
      .selectFrom('audit_events')
      .select(['id', 'seq', 'key_id', 'area'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.id, Number(r.seq), r.key_id, r.area])).toEqual([
      ['evt_legacy1', 1, 'audit-k1', 'account'],
      ['evt_legacy3', 2, 'audit-k1', 'account'],
      ['evt_legacy0', 3, 'audit-k1', 'account'],
      ['evt_legacy2', 4, 'audit-k1', 'account'],
      ['evt_legacy4', 5, 'audit-k1', 'account'],
    ]);
    expect(await keyed.audit.verifyAccounts(operator)).toEqual([
      { accountId: 'acc_legacy', ok: true, checked: 5, firstBrokenEventId: null },
    ]);
    await keyed.close();
  });
});
