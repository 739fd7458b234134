import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSwitchboard, postgres, silentLogger, sqlite } from '@switchboard/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../dist/bin/switchboard.js', import.meta.url).pathname;
const postgresUrl =
  process.env.SWITCHBOARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function migrateFromThreeProcesses(databaseUrl: string): Promise<string[]> {
  const outputs = await Promise.all(
    [1, 2, 3].map(() =>
      run(process.execPath, [bin, 'migrate'], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
      }),
    ),
  );
  return outputs.map((o) => o.stdout.trim());
}

async function recordedMigrations(database: ReturnType<typeof sqlite>): Promise<number> {
  const sb = createSwitchboard({ database, logger: silentLogger, mailRetryIntervalSeconds: 0 });
  try {
    const rows = await sb.db
      .selectFrom('switchboard_migration' as never)
      .selectAll()
      .execute();
    return rows.length;
  } finally {
    await sb.close();
  }
}

describe('switchboard migrate from several processes at once', () => {
  it('migrates a SQLite file once: one process applies, the others find it up to date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
    try {
      const file = join(dir, 'sb.db');
      const outputs = await migrateFromThreeProcesses(file);
      expect(outputs.filter((o) => o.startsWith('Applied:'))).toHaveLength(1);
      expect(outputs.filter((o) => o === 'Already up to date.')).toHaveLength(2);
      expect(await recordedMigrations(sqlite(file))).toBeGreaterThanOrEqual(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('migrates a PostgreSQL database once', async (context) => {
    const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
    try {
      await admin.connect();
    } catch (error) {
      if (process.env.CI === 'true') throw error;
      context.skip('no PostgreSQL server');
    }
    const name = `switchboard_migrate_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      const outputs = await migrateFromThreeProcesses(url.toString());
      expect(outputs.filter((o) => o.startsWith('Applied:'))).toHaveLength(1);
      expect(await recordedMigrations(postgres(url.toString()))).toBeGreaterThanOrEqual(4);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
