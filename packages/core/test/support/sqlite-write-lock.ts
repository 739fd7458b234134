import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** A write lock held on a SQLite file by another thread, standing in for another process. */
export interface HeldWriteLock {
  /** Resolves with the time (`Date.now()`) the other thread committed, once it has exited. */
  released: Promise<number>;
}

// A worker has its own event loop and its own SQLite connection, with none of the locks this
// process shares between its own connections: to SQLite it looks like another process.
const holder = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('BEGIN IMMEDIATE');
db.exec(workerData.sql);
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
parentPort.postMessage(Date.now());
db.close();
`;

/**
 * Takes the write lock of `file` in another thread (`BEGIN IMMEDIATE`), runs `sql` in that
 * transaction, holds the lock `holdMs`, then commits. Resolves once the lock is held.
 */
export async function holdSqliteWriteLock(
  file: string,
  holdMs: number,
  sql = 'SELECT 1',
): Promise<HeldWriteLock> {
  const worker = new Worker(holder, { eval: true, workerData: { file, holdMs, sql } });
  const exited = once(worker, 'exit');
  const [message] = await Promise.race([
    once(worker, 'message'),
    exited.then(() => {
      throw new Error('the lock-holding thread exited before taking the lock');
    }),
  ]);
  if (message !== 'locked') throw new Error(`unexpected message from the lock holder: ${message}`);
  const committed = once(worker, 'message');
  return {
    released: exited.then(async ([code]) => {
      if (code !== 0) throw new Error(`the lock-holding thread failed (exit code ${code})`);
      const [at] = await committed;
      return at as number;
    }),
  };
}
