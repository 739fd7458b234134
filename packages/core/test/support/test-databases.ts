import { randomBytes } from 'node:crypto';
import type { Dialect } from 'kysely';
import pg from 'pg';
import { postgres } from '../../src/db/postgres-dialect.js';
import { sqlite } from '../../src/db/sqlite-dialect.js';

/** A fresh, empty database for one test, and how to throw it away. */
export interface TestDatabase {
  dialect: Dialect;
  /** The SQLite file (SQLite only). */
  file?: string;
  /** Another dialect on the same database (a second process, say). */
  reopen(): Dialect;
  drop(): Promise<void>;
}

export interface TestDatabaseKind {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

const postgresUrl =
  process.env.SWITCHBOARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but ${postgresUrl} is unreachable`, {
        cause: error,
      });
    }
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const sqliteKind: TestDatabaseKind = {
  name: 'sqlite',
  async create() {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
    const file = join(dir, 'test.db');
    return {
      dialect: sqlite(file),
      file,
      reopen: () => sqlite(file),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

const postgresKind: TestDatabaseKind = {
  name: 'postgres',
  async create() {
    const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    return {
      // Small pools: suites run in parallel against one server of 100 connections.
      dialect: postgres(url.toString(), { max: 4 }),
      reopen: () => postgres(url.toString(), { max: 4 }),
      drop: () => adminQuery(`drop database if exists ${name} with (force)`),
    };
  },
};

/**
 * The databases every core suite runs on: SQLite always; PostgreSQL when it answers at
 * SWITCHBOARD_TEST_POSTGRES_URL (required when CI=true — an unreachable server fails the run).
 */
export const testDatabaseKinds: TestDatabaseKind[] = [sqliteKind];
if (await postgresReachable()) testDatabaseKinds.push(postgresKind);
else
  console.warn(
    `PostgreSQL suites skipped: no server at ${postgresUrl} (set CI=true to require it)`,
  );
