import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { holdSqliteWriteLock } from '../../test/support/sqlite-write-lock.js';
import type { Database } from './database.js';
import { enableDirectQueries } from './direct-query.js';
import { isRetryableTransactionError } from './is-retryable-transaction-error.js';
import { preparedQuery } from './prepared-query.js';
import { type SqliteOptions, sqlite } from './sqlite-dialect.js';

interface Scratch {
  counter: { id: number; n: number };
  parent: { id: number };
  child: { id: number; parent_id: number };
  sample: { flag: number; off: number; at: string; note: string | null };
}

describe('sqlite driver (node:sqlite)', () => {
  let dir: string;
  let file: string;
  const opened: Kysely<Scratch>[] = [];

  function open(options?: SqliteOptions): Kysely<Scratch> {
    const db = new Kysely<Scratch>({ dialect: sqlite(file, options) });
    opened.push(db);
    return db;
  }

  async function counter(db: Kysely<Scratch>): Promise<number> {
    const row = await db.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirst();
    return Number(row?.n);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-sqlite-'));
    file = join(dir, 'driver.db');
    const db = open();
    await db.schema
      .createTable('counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('n', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('counter').values({ id: 1, n: 0 }).execute();
  });

  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the folder of a new database file (sqlite('./data/…') in a new project)", async () => {
    const nested = join(dir, 'data', 'nested', 'switchboard.db');
    const db = new Kysely<Scratch>({ dialect: sqlite(nested) });
    opened.push(db);
    await sql`select 1`.execute(db);
    expect((await stat(nested)).isFile()).toBe(true);
  });

  describe('transactions on one instance', () => {
    it('serializes 20 concurrent read-modify-write increments so none is lost', async () => {
      const db = open();
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction().execute(async (trx) => {
            const { n } = await trx
              .selectFrom('counter')
              .select('n')
              .where('id', '=', 1)
              .executeTakeFirstOrThrow();
            await sleep(1); // let the other transactions try to run in between
            await trx
              .updateTable('counter')
              .set({ n: Number(n) + 1 })
              .where('id', '=', 1)
              .execute();
          }),
        ),
      );
      expect(await counter(db)).toBe(20);
    });

    it('keeps a query outside a transaction from seeing its uncommitted writes', async () => {
      const db = open();
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => {
        wrote = resolve;
      });
      const transaction = db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 99 }).execute();
          wrote();
          await sleep(30);
          throw new Error('changed my mind');
        })
        .catch((error: Error) => error.message);
      await written;
      // Shares the one connection: it must wait for the transaction, not run inside it.
      expect(await counter(db)).toBe(0);
      expect(await transaction).toBe('changed my mind');
    });

    it('rolls back a transaction whose callback throws, and frees the connection', async () => {
      const db = open();
      const error = await failure(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 5 }).execute();
          await trx.insertInto('counter').values({ id: 2, n: 1 }).execute();
          throw new Error('boom');
        }),
      );
      expect(error).toMatchObject({ message: 'boom' });
      expect(await db.selectFrom('counter').selectAll().execute()).toEqual([{ id: 1, n: 0 }]);
      // The next transaction begins cleanly (no transaction left open on the connection).
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ n: 1 }).execute();
      });
      expect(await counter(db)).toBe(1);
    });

    it('rolls back a transaction whose statement fails in the database', async () => {
      const db = open();
      const error = await failure(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 7 }).execute();
          await trx.insertInto('counter').values({ id: 1, n: 1 }).execute(); // duplicate key
        }),
      );
      expect(error).toMatchObject({ errcode: 1555 }); // SQLITE_CONSTRAINT_PRIMARYKEY
      expect(await counter(db)).toBe(0);
    });
    it('reports the real error when SQLite already rolled the transaction back itself', async () => {
      const db = open();
      const error = await failure(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 7 }).execute();
          // OR ROLLBACK: SQLite ends the transaction itself, as it does on a full disk.
          await sql`insert or rollback into counter (id, n) values (1, 1)`.execute(trx);
        }),
      );
      expect(error).toMatchObject({ errcode: 1555 }); // not "cannot rollback - no transaction is active"
      expect(await counter(db)).toBe(0);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ n: 1 }).execute();
      });
      expect(await counter(db)).toBe(1);
    });
  });

  describe('connection settings', () => {
    it('opens a file in WAL mode with foreign keys and secure_delete on, and SQLite’s own busy wait off', async () => {
      const db = open({ busyTimeoutMs: 1234 });
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('secure_delete')).toBe(1);
      // SQLite's busy handler would sleep on the event loop; the driver waits asynchronously.
      expect(await pragma('busy_timeout')).toBe(0);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
    });

    it('enforces foreign keys', async () => {
      const db = open();
      await db.schema
        .createTable('parent')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .execute();
      await db.schema
        .createTable('child')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('parent_id', 'integer', (c) => c.notNull().references('parent.id'))
        .execute();
      const error = await failure(
        db.insertInto('child').values({ id: 1, parent_id: 42 }).execute(),
      );
      expect(error).toMatchObject({ errcode: 787 }); // SQLITE_CONSTRAINT_FOREIGNKEY
    });

    it('binds booleans as 1/0, Dates as ISO 8601 strings and undefined as null', async () => {
      const db = open();
      await db.schema
        .createTable('sample')
        .addColumn('flag', 'integer')
        .addColumn('off', 'integer')
        .addColumn('at', 'text')
        .addColumn('note', 'text')
        .execute();
      const at = new Date('2026-11-23T09:30:00.250Z');
      await sql`insert into sample (flag, off, at, note) values (${true}, ${false}, ${at}, ${undefined})`.execute(
        db,
      );
      const row = await db
        .selectFrom('sample')
        .select([
          'flag',
          'off',
          'at',
          'note',
          sql<string>`typeof(flag)`.as('flag_type'),
          sql<string>`typeof(at)`.as('at_type'),
        ])
        .where('flag', '=', sql<number>`${true}`)
        .where('at', '<', sql<string>`${new Date('2026-11-24T00:00:00.000Z')}`)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        flag: 1,
        off: 0,
        at: '2026-11-23T09:30:00.250Z',
        note: null,
        flag_type: 'integer',
        at_type: 'text',
      });
    });
  });

  describe('several connections to one file', () => {
    it('makes a second instance in this process wait for the first one’s write transaction', async () => {
      const first = open();
      const second = open();
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => {
        wrote = resolve;
      });
      const firstTransaction = first.transaction().execute(async (trx) => {
        await trx
          .updateTable('counter')
          .set((eb) => ({ n: eb('n', '+', 1) }))
          .execute();
        wrote();
        await sleep(50); // needs this process's event loop to finish
      });
      await written;
      const started = performance.now();
      await second
        .updateTable('counter')
        .set((eb) => ({ n: eb('n', '*', 10) }))
        .execute();
      expect(performance.now() - started).toBeGreaterThanOrEqual(30);
      await firstTransaction;
      expect(await counter(first)).toBe(10); // (0 + 1) * 10: the second write came after
    });

    it('waits for another process’s write lock up to the busy timeout (BEGIN IMMEDIATE)', async () => {
      const db = open();
      await counter(db); // connection open before the other process takes the lock
      const held = await holdSqliteWriteLock(file, 300, 'UPDATE counter SET n = n + 1');
      const started = Date.now();
      // Read, then write: with a plain BEGIN the read would pin a snapshot older than the
      // other process's commit and the write would fail with SQLITE_BUSY instead of waiting.
      await db.transaction().execute(async (trx) => {
        const { n } = await trx
          .selectFrom('counter')
          .select('n')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('counter')
          .set({ n: Number(n) + 1 })
          .where('id', '=', 1)
          .execute();
      });
      const finished = Date.now();
      const committed = await held.released;
      // It started while the other process held the lock and went on only after its commit.
      expect(started).toBeLessThan(committed);
      expect(finished).toBeGreaterThanOrEqual(committed);
      expect(await counter(db)).toBe(2);
    });

    it('fails with `unavailable` (Retry-After) once the busy timeout passes, and recovers after', async () => {
      const db = open({ busyTimeoutMs: 50 });
      await counter(db);
      const held = await holdSqliteWriteLock(file, 600, 'UPDATE counter SET n = n + 1');
      const started = Date.now();
      const error = await failure(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 100 }).execute();
        }),
      );
      const failed = Date.now();
      expect(error).toMatchObject({
        name: 'SwitchboardError',
        code: 'unavailable',
        retryAfter: 1,
        cause: { errcode: 5, errstr: 'database is locked' },
      });
      expect(isRetryableTransactionError(error)).toBe(false); // the wait was already spent
      expect(failed - started).toBeGreaterThanOrEqual(40); // it did wait, for the timeout
      expect(failed).toBeLessThan(await held.released); // and gave up before the lock was freed
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('counter')
          .set((eb) => ({ n: eb('n', '+', 1) }))
          .execute();
      });
      expect(await counter(db)).toBe(2);
    });
  });

  describe('while another process holds the write lock past the busy timeout (item 2)', () => {
    /** Counts timer callbacks and completed reads of `db` until `done` settles. */
    async function keepReading(db: Kysely<Scratch>, done: Promise<unknown>) {
      let settled = false;
      void done.finally(() => {
        settled = true;
      });
      let ticks = 0;
      let reads = 0;
      const ticker = setInterval(() => {
        if (!settled) ticks++;
      }, 1);
      try {
        while (!settled) {
          await counter(db);
          if (!settled) reads++;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        clearInterval(ticker);
      }
      return { ticks, reads };
    }

    it('keeps the event loop and reads running while a transaction waits, then fails it with `unavailable`', async () => {
      const db = open({ busyTimeoutMs: 600 });
      await counter(db);
      const held = await holdSqliteWriteLock(file, 2000, 'UPDATE counter SET n = n + 1');
      const write = failure(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 100 }).execute();
        }),
      );
      const { ticks, reads } = await keepReading(db, write);
      // SQLite's own busy handler would have slept on the event loop: no timer, no read.
      expect(ticks).toBeGreaterThan(2);
      expect(reads).toBeGreaterThan(2);
      expect(await write).toMatchObject({ code: 'unavailable', retryAfter: 1 });
      await held.released;
      expect(await counter(db)).toBe(1); // only the other process's write happened
    });

    it('does the same for a statement outside a transaction, on Kysely’s path and on the direct one', async () => {
      const dialect = sqlite(file, { busyTimeoutMs: 600 });
      const db = new Kysely<Scratch>({ dialect });
      enableDirectQueries(db, dialect);
      opened.push(db);
      await counter(db);
      const setCounter = preparedQuery((executor, n: number) =>
        (executor as unknown as Kysely<Scratch>)
          .updateTable('counter')
          .set({ n })
          .where('id', '=', 1),
      );
      const held = await holdSqliteWriteLock(file, 2000, 'UPDATE counter SET n = n + 1');
      const writes = Promise.all([
        failure(db.updateTable('counter').set({ n: 7 }).execute()),
        failure(setCounter(db as unknown as Kysely<Database>, 8)),
      ]);
      const { ticks, reads } = await keepReading(db, writes);
      expect(ticks).toBeGreaterThan(2);
      expect(reads).toBeGreaterThan(2);
      for (const error of await writes) expect(error).toMatchObject({ code: 'unavailable' });
      await held.released;
      expect(await counter(db)).toBe(1);
    });

    it('lets a waiting write through as soon as the other process commits', async () => {
      const db = open({ busyTimeoutMs: 10_000 });
      await counter(db);
      const held = await holdSqliteWriteLock(file, 300, 'UPDATE counter SET n = n + 1');
      const write = db
        .updateTable('counter')
        .set((eb) => ({ n: eb('n', '*', 10) }))
        .execute();
      const { reads } = await keepReading(db, write);
      expect(reads).toBeGreaterThan(0);
      await write;
      await held.released;
      expect(await counter(db)).toBe(10); // (0 + 1) * 10: it waited for the commit
    });
  });

  describe('opening a file not yet in WAL mode that another process is writing to', () => {
    it('waits for the busy timeout to switch it to WAL instead of failing', async () => {
      file = join(dir, 'fresh.db');
      const held = await holdSqliteWriteLock(file, 300, 'CREATE TABLE t (id INTEGER)');
      const started = Date.now();
      const db = open();
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
      expect(rows).toEqual([{ journal_mode: 'wal' }]);
      expect(started).toBeLessThan(await held.released);
    });

    it('gives up with `unavailable` once the busy timeout passes', async () => {
      file = join(dir, 'fresh.db');
      const held = await holdSqliteWriteLock(file, 400, 'CREATE TABLE t (id INTEGER)');
      const started = Date.now();
      const error = await failure(sql`PRAGMA journal_mode`.execute(open({ busyTimeoutMs: 50 })));
      const failed = Date.now();
      expect(error).toMatchObject({ code: 'unavailable', cause: { errcode: 5 } });
      expect(failed - started).toBeGreaterThanOrEqual(40);
      expect(failed).toBeLessThan(await held.released);
    });
  });

  describe('prepared-statement cache', () => {
    it('keeps answering correctly after more than 200 distinct statements evict cached ones', async () => {
      const db = open();
      const select = (i: number) =>
        sql<{ n: number; p: string }>`select ${sql.lit(i)} as n, ${`p${i}`} as p`.execute(db);
      const add = (i: number) =>
        db
          .updateTable('counter')
          .set((eb) => ({ n: eb('n', '+', sql.lit(i)) }))
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
      for (let i = 0; i < 250; i++) {
        expect((await select(i)).rows).toEqual([{ n: i, p: `p${i}` }]);
        expect((await add(i)).numUpdatedRows).toBe(1n);
      }
      // The first 50 of each were evicted long ago; they must be prepared again, correctly.
      for (let i = 249; i >= 0; i--) {
        expect((await select(i)).rows).toEqual([{ n: i, p: `p${i}` }]);
        expect((await add(i)).numUpdatedRows).toBe(1n);
      }
      expect(await counter(db)).toBe(2 * ((249 * 250) / 2));
    });

    it('sees each run’s current data through a cached statement', async () => {
      const db = open();
      for (let i = 1; i <= 3; i++) {
        await db.updateTable('counter').set({ n: i }).execute();
        expect(await counter(db)).toBe(i);
      }
    });
  });
});
