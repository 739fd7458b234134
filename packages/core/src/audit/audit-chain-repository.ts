import { sql } from 'kysely';
import type { AuditChainsTable, Executor } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import { preparedQuery } from '../db/prepared-query.js';
import { isoTimestamp } from '../db/row-values.js';
import { genesisSeal } from './audit-seal.js';

/** The key of an account's chain: the account id, or '' for events of no account. */
export const chainKey = (accountId: string | null): string => accountId ?? '';

/** The account of a chain key. */
export const chainAccount = (key: string): string | null => (key === '' ? null : key);

/** Where the next event of a chain goes: its number, and the seal and time it follows. */
export interface ChainPosition {
  seq: number;
  previousSeal: string;
  previousAt: string;
}

const claimQuery = preparedQuery((db: Executor, key: string, at: string) =>
  db
    .insertInto('audit_chains')
    .values({
      account_id: key,
      last_seq: 1,
      last_seal: genesisSeal,
      last_at: at,
      start_seq: 0,
      start_seal: genesisSeal,
    })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({ last_seq: sql`audit_chains.last_seq + 1` }),
    )
    .returning(['last_seq', 'last_seal', 'last_at']),
);

/**
 * Takes the next place in a chain: one statement that creates the chain's head or counts
 * it up, and so locks the head row until the transaction ends (PostgreSQL; SQLite's write
 * lock is already held). Appends to one account's log are thereby serialised, in commit
 * order, without touching other accounts' heads. Callers take it last in their
 * transaction (the write pipeline records events after the work), so no other lock is
 * waited for while it is held.
 */
export async function claimChainPosition(
  db: Executor,
  key: string,
  at: string,
): Promise<ChainPosition> {
  const [row] = await claimQuery(db, key, at);
  if (!row) throw new Error('The audit chain head was not written');
  return {
    seq: Number(row.last_seq),
    previousSeal: row.last_seal,
    previousAt: isoTimestamp(row.last_at),
  };
}

const advanceQuery = preparedQuery((db: Executor, key: string, seal: string, at: string) =>
  db
    .updateTable('audit_chains')
    .set({ last_seal: seal, last_at: at })
    .where('account_id', '=', key),
);

/** Records the seal and time of the event just placed at the head (after `claimChainPosition`). */
export async function advanceChainHead(
  db: Executor,
  key: string,
  seal: string,
  at: string,
): Promise<void> {
  await advanceQuery(db, key, seal, at);
}

/** A chain head as stored. */
export type ChainHead = AuditChainsTable;

/** The head of one chain, or undefined when the account has no events. */
export async function findChainHead(db: Executor, key: string): Promise<ChainHead | undefined> {
  return db.selectFrom('audit_chains').selectAll().where('account_id', '=', key).executeTakeFirst();
}

/** The head of one chain, locked until the transaction ends (PostgreSQL; SQLite holds its write lock). */
export async function lockChainHead(
  db: Executor,
  key: string,
  dialect: DialectName,
): Promise<ChainHead | undefined> {
  const query = db.selectFrom('audit_chains').selectAll().where('account_id', '=', key);
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/** Every chain head (one per account with events), in key order; or just `only`'s. */
export async function listChainHeads(db: Executor, only?: string): Promise<ChainHead[]> {
  return db
    .selectFrom('audit_chains')
    .selectAll()
    .$if(only !== undefined, (q) => q.where('account_id', '=', only ?? ''))
    .orderBy('account_id')
    .execute();
}

/** Moves a chain's start past pruned events, with the checkpoint's seal. */
export async function moveChainStart(
  db: Executor,
  key: string,
  start: { seq: number; seal: string; keyId: string | null; checkpointSeal: string },
): Promise<void> {
  await db
    .updateTable('audit_chains')
    .set({
      start_seq: start.seq,
      start_seal: start.seal,
      checkpoint_key_id: start.keyId,
      checkpoint_seal: start.checkpointSeal,
    })
    .where('account_id', '=', key)
    .execute();
}

/** Rewrites a chain's head (the upgrade of unkeyed seals). */
export async function setChainHead(
  db: Executor,
  key: string,
  head: { seq: number; seal: string },
): Promise<void> {
  await db
    .updateTable('audit_chains')
    .set({ last_seq: head.seq, last_seal: head.seal })
    .where('account_id', '=', key)
    .execute();
}
