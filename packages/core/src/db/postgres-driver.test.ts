import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { type TestDatabase, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Database } from './database.js';
import { enableDirectQueries } from './direct-query.js';
import { isRetryableTransactionError } from './is-retryable-transaction-error.js';
import { postgres } from './postgres-dialect.js';
import { preparedQuery } from './prepared-query.js';

interface Scratch {
  counter: { id: number; n: number };
}

const postgresKind = testDatabaseKinds.find((kind) => kind.name === 'postgres');
const adminUrl =
  process.env.SWITCHBOARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Ends every session on `database` but the admin's own, as a failover or a restart does. */
async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    return rows.length;
  } finally {
    await admin.end();
  }
}

/** Ends the sessions on `database` running a statement that contains `marker`, once one runs. */
async function terminateWhenRunning(database: string, marker: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let tries = 0; tries < 400; tries++) {
      const { rows } = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid() and query like $2`,
        [database, `%${marker}%`],
      );
      if (rows.length > 0) return;
      await sleep(10);
    }
    throw new Error(`no statement containing ${marker} ran`);
  } finally {
    await admin.end();
  }
}

function isUnavailable(error: unknown): boolean {
  return isSwitchboardError(error, 'unavailable') && error.retryAfter !== undefined;
}

describe.runIf(postgresKind)('postgres driver: lost connections (item 1)', () => {
  let database: TestDatabase;
  let name: string;
  let db: Kysely<Scratch>;

  beforeEach(async () => {
    database = await (postgresKind as NonNullable<typeof postgresKind>).create();
    const dialect = database.dialect;
    db = new Kysely<Scratch>({ dialect });
    enableDirectQueries(db, dialect);
    name = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]
      ?.name as string;
    await db.schema
      .createTable('counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('n', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('counter').values({ id: 1, n: 0 }).execute();
  });

  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  /** Opens `count` pooled connections at once, so that there are idle ones to terminate. */
  async function warmPool(count: number): Promise<void> {
    await Promise.all(
      Array.from({ length: count }, () =>
        db.transaction().execute(async (trx) => {
          await sql`select pg_sleep(0.05)`.execute(trx);
        }),
      ),
    );
  }

  it('survives the termination of idle pooled connections and answers the next queries', async () => {
    await warmPool(4);
    expect(await terminateBackends(name)).toBeGreaterThanOrEqual(4);
    // No wait: some pooled clients may not have noticed yet. Reads retry on a fresh one.
    const reads = await Promise.all(
      Array.from({ length: 6 }, () => db.selectFrom('counter').select('n').execute()),
    );
    expect(reads.every((rows) => rows[0]?.n === 0)).toBe(true);
    await db.updateTable('counter').set({ n: 1 }).execute();
    expect((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n).toBe(1);
  });

  it('fails a transaction whose connection is lost before COMMIT with a retryable `unavailable`', async () => {
    let terminated!: () => void;
    const done = new Promise<void>((resolve) => {
      terminated = resolve;
    });
    const error = await failure(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ n: 5 }).execute();
        await terminateBackends(name);
        terminated();
        await sleep(50); // let the client see its session end
        await trx.updateTable('counter').set({ n: 6 }).execute();
      }),
    );
    await done;
    expect(isUnavailable(error)).toBe(true);
    expect(isRetryableTransactionError(error)).toBe(true);
    // Nothing of it was committed, and the next transaction runs on a new connection.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('counter').set({ n: 7 }).execute();
    });
    expect((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n).toBe(7);
  });

  it('fails a statement running in a transaction when its backend is terminated, retryably', async () => {
    const running = failure(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ n: 9 }).execute();
        await sql`select pg_sleep(5) as marker_in_transaction`.execute(trx);
      }),
    );
    await terminateWhenRunning(name, 'marker_in_transaction');
    const error = await running;
    expect(isUnavailable(error)).toBe(true);
    expect(isRetryableTransactionError(error)).toBe(true);
    expect((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n).toBe(0);
  });

  it('runs a SELECT outside a transaction once more on a fresh connection when its backend is terminated', async () => {
    const read = db
      .selectFrom('counter')
      .select(['n', sql<string>`pg_sleep(0.3)::text`.as('marker_select_read')])
      .executeTakeFirstOrThrow();
    await terminateWhenRunning(name, 'marker_select_read');
    expect((await read).n).toBe(0);
  });

  it('runs a prepared SELECT (the pool’s direct path) once more when its backend is terminated', async () => {
    const slowRead = preparedQuery((executor, id: number) =>
      (executor as unknown as Kysely<Scratch>)
        .selectFrom('counter')
        .select(['n', sql<string>`pg_sleep(0.3)::text`.as('marker_prepared_read')])
        .where('id', '=', id),
    );
    const read = slowRead(db as unknown as Kysely<Database>, 1);
    await terminateWhenRunning(name, 'marker_prepared_read');
    expect((await read)[0]?.n).toBe(0);
  });

  it('answers `unavailable`, not retryable, for a write outside a transaction that lost its connection', async () => {
    const write = failure(
      db
        .updateTable('counter')
        .set({ n: 3 })
        .where(sql<boolean>`pg_sleep(5) is not null and 'marker_write' <> ''`)
        .execute(),
    );
    await terminateWhenRunning(name, 'marker_write');
    const error = await write;
    expect(isUnavailable(error)).toBe(true);
    // It may have committed (here it did not): only the caller can check and decide.
    expect(isRetryableTransactionError(error)).toBe(false);
  });

  it('answers a retryable `unavailable` while every connection slot is taken (53300)', async () => {
    const role = `sb_one_slot_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`);
    await admin.query(`create role ${role} login connection limit 1`);
    const url = new URL(adminUrl);
    url.username = role;
    url.pathname = `/${name}`;
    const holder = new pg.Client({ connectionString: url.href });
    const limited = new Kysely<Scratch>({ dialect: postgres(url.href) });
    try {
      await holder.connect(); // the role's one slot
      const one = () => sql<{ n: number }>`select 1 as n`.execute(limited);
      const error = await failure(one());
      expect(isUnavailable(error)).toBe(true);
      expect(isRetryableTransactionError(error)).toBe(true); // it never began
      await holder.end();
      expect((await one()).rows).toEqual([{ n: 1 }]);
    } finally {
      await limited.destroy();
      await holder.end().catch(() => {});
      await admin.query(`drop role if exists ${role}`).catch(() => {});
      await admin.end();
    }
  });

  it('answers `unavailable` while the database cannot be reached, and recovers when it can', async () => {
    const unreachable = new Kysely<Scratch>({
      dialect: postgres('postgres://postgres@127.0.0.1:9/none', { connectTimeoutMs: 2000 }),
    });
    try {
      const error = await failure(unreachable.selectFrom('counter').selectAll().execute());
      expect(isUnavailable(error)).toBe(true);
      const writeError = await failure(
        unreachable.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 1 }).execute();
        }),
      );
      expect(isUnavailable(writeError)).toBe(true);
      expect(isRetryableTransactionError(writeError)).toBe(true); // it never began
    } finally {
      await unreachable.destroy();
    }
  });

  it('refuses text with a NUL character as validation_failed, not a driver error', async () => {
    await db.schema.createTable('notes').addColumn('body', 'text').execute();
    const error = await failure(
      sql`insert into notes (body) values (${'a\u0000b'})`.execute(db as Kysely<unknown>),
    );
    expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
  });
});

describe.runIf(postgresKind)('a Switchboard on PostgreSQL whose connections are terminated', () => {
  let t: TestSwitchboard;
  afterEach(async () => {
    await t.close();
  });

  it('keeps the process alive, answers each call or `unavailable`, and recovers by itself', async () => {
    t = await createTestSwitchboard(postgresKind as NonNullable<typeof postgresKind>);
    const actor = await openAcmeAccount(t);
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(t.sb.db))
      .rows[0]?.name as string;
    const outcomes: string[] = [];
    const call = async (work: () => Promise<unknown>) => {
      try {
        await work();
        outcomes.push('ok');
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        outcomes.push('unavailable');
      }
    };
    for (let round = 0; round < 3; round++) {
      const calls = Array.from({ length: 12 }, (_, i) =>
        call(() =>
          i % 3 === 0
            ? t.sb.users.add(
                actor,
                person('Grace', `Hopper${round}x${i}`, `g${round}x${i}@acme.test`),
              )
            : t.sb.users.list(actor, { limit: 5 }),
        ),
      );
      await sleep(5);
      await terminateBackends(name);
      await Promise.all(calls);
    }
    expect(outcomes).toHaveLength(36);
    // After the faults, with nothing else done, every call succeeds again.
    const page = await t.sb.users.list(actor, { limit: 100 });
    expect(page.data.length).toBeGreaterThan(1);
    await t.sb.users.add(actor, person('Alan', 'Turing', 'alan@acme.test'));
  });
});
