import type { Executor } from '../db/database.js';
import { type ChainHead, chainAccount, findChainHead } from './audit-chain-repository.js';
import { findChainEvents } from './audit-event-queries.js';
import type { AuditKeys } from './audit-keys.js';
import { type AuditEventRow, sealedContentOf } from './audit-repository.js';
import { sealCheckpoint } from './audit-seal.js';
import {
  type ChainVerification,
  ChainVerifier,
  type EventKey,
  type StoredEvent,
} from './chain-verifier.js';

/** Events read per query while verifying. */
const batchSize = 1000;

export interface VerifyChainOptions {
  /**
   * Whether every seal must be keyed; default: when there is a key ring (a chain under the
   * key ring accepts no keyless seal, which anyone could compute).
   */
  requireKey?: boolean;
  /** Called after each batch with the number of events it checked. */
  onChecked?: (count: number) => void;
}

const storedEventOf = (row: AuditEventRow): StoredEvent => ({
  ...sealedContentOf(row),
  area: row.area,
  seal: row.seal,
});

async function keyOf(db: Executor, keys: AuditKeys, keyId: string | null): Promise<EventKey> {
  return keyId === null ? undefined : keys.byId(db, keyId);
}

async function walk(
  db: Executor,
  keys: AuditKeys,
  head: ChainHead,
  options: VerifyChainOptions,
): Promise<ChainVerification> {
  const accountId = chainAccount(head.account_id);
  const start = {
    seq: Number(head.start_seq),
    seal: head.start_seal,
    keyed: head.checkpoint_key_id !== null,
  };
  const requireKey = options.requireKey ?? keys.keyed;
  const verifier = new ChainVerifier(start, { requireKey });
  if (start.seq > 0) {
    const key = await keyOf(db, keys, head.checkpoint_key_id);
    const expected =
      key === null
        ? null
        : sealCheckpoint(key ?? null, {
            accountId,
            seq: start.seq,
            seal: start.seal,
            keyId: head.checkpoint_key_id,
          });
    const keyHolds = head.checkpoint_key_id !== null || !requireKey;
    if (!keyHolds || expected === null || expected !== head.checkpoint_seal) {
      const [first] = await findChainEvents(
        db,
        accountId,
        { afterSeq: start.seq, lastSeq: Number(head.last_seq) },
        1,
      );
      verifier.breakAt(first?.id ?? null);
    }
  }
  let afterSeq = start.seq;
  while (verifier.intact) {
    const rows = await findChainEvents(
      db,
      accountId,
      { afterSeq, lastSeq: Number(head.last_seq) },
      batchSize,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      if (!verifier.check(storedEventOf(row), await keyOf(db, keys, row.key_id))) break;
    }
    afterSeq = Number(rows.at(-1)?.seq);
    options.onChecked?.(rows.length);
  }
  return verifier.finish({ seq: Number(head.last_seq), seal: head.last_seal });
}

/**
 * Verifies one account's chain (E3) from its start (after any pruned events, whose
 * checkpoint must hold) up to the head as it was when the check began: events appended
 * meanwhile are left for the next check. A break seen while pruning moved the chain's
 * start is checked once more from the new start.
 */
export async function verifyChain(
  db: Executor,
  keys: AuditKeys,
  head: ChainHead,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const result = await walk(db, keys, head, options);
  if (result.ok) return result;
  const now = await findChainHead(db, head.account_id);
  if (!now || Number(now.start_seq) === Number(head.start_seq)) return result;
  return walk(db, keys, now, options);
}
