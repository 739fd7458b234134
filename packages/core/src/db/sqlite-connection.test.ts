import { DatabaseSync } from 'node:sqlite';
import type { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SqliteConnection } from './sqlite-connection.js';

/** A connection to a new in-memory database, counting the statements it prepares by SQL. */
function countingConnection() {
  const db = new DatabaseSync(':memory:');
  const prepared = new Map<string, number>();
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => {
    prepared.set(sql, (prepared.get(sql) ?? 0) + 1);
    return prepare(sql);
  };
  const connection = new SqliteConnection(db, (attempt) => Promise.resolve(attempt()));
  const run = (sql: string) =>
    connection.executeSync<{ n: number }>({ sql, parameters: [] } as unknown as CompiledQuery).rows;
  return { run, prepared };
}

describe('the SQLite connection’s prepared-statement cache', () => {
  it('keeps a statement in use prepared while hundreds of others come and go', () => {
    const { run, prepared } = countingConnection();
    const hot = 'select 0 as n';
    for (let i = 1; i <= 1000; i++) {
      expect(run(`select ${i} as n`)).toEqual([{ n: i }]);
      if (i % 50 === 0) expect(run(hot)).toEqual([{ n: 0 }]);
    }
    expect(prepared.get(hot)).toBe(1);
    // The cache is bounded: an early one-off statement was evicted and is prepared again.
    expect(run('select 1 as n')).toEqual([{ n: 1 }]);
    expect(prepared.get('select 1 as n')).toBe(2);
  });
});
