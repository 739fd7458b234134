import type { ServiceContext } from '../shared/service-context.js';
import {
  chainAccount,
  listChainHeads,
  lockChainHead,
  moveChainStart,
} from './audit-chain-repository.js';
import { deleteChainEvents, findChainEvent, findLastEventBefore } from './audit-event-queries.js';
import type { AuditKeys } from './audit-keys.js';
import { sealCheckpoint } from './audit-seal.js';

/** Events deleted per transaction, so pruning never holds a chain's head for long. */
const pruneBatch = 5000;

/**
 * Deletes every event older than `before`, chain by chain, oldest first, a batch per
 * transaction. Each batch cuts its chain at a checkpoint: the chain now starts after the
 * last deleted event, whose seal the next event follows, and the checkpoint is sealed under
 * the current audit key so nobody without the key can move it — verification still passes
 * afterwards, and still finds a row removed past the checkpoint. The head is locked first
 * (PostgreSQL `FOR UPDATE`; SQLite's write lock), so instances pruning at once take turns
 * and each re-reads where the chain starts. Returns how many events were deleted.
 */
export async function pruneAuditEvents(
  ctx: ServiceContext,
  keys: AuditKeys,
  before: string,
): Promise<number> {
  let deleted = 0;
  for (const { account_id: key } of await listChainHeads(ctx.db)) {
    const accountId = chainAccount(key);
    for (;;) {
      const count = await ctx.write({ type: 'system' }, async ({ trx }) => {
        const head = await lockChainHead(trx, key, ctx.dialect);
        const last = await findLastEventBefore(trx, accountId, before);
        const startSeq = Number(head?.start_seq ?? 0);
        if (!head || !last || Number(last.seq) <= startSeq) return 0;
        const cutSeq = Math.min(Number(last.seq), startSeq + pruneBatch);
        const cut = await findChainEvent(trx, accountId, cutSeq);
        // A chain missing the event to cut at is broken: leave it for verify to report.
        if (!cut) return 0;
        const removed = await deleteChainEvents(trx, accountId, startSeq, cutSeq);
        const audit = await keys.current(trx);
        const keyId = audit?.id ?? null;
        const checkpoint = { accountId, seq: cutSeq, seal: cut.seal, keyId };
        await moveChainStart(trx, key, {
          seq: cutSeq,
          seal: cut.seal,
          keyId,
          checkpointSeal: sealCheckpoint(audit?.key ?? null, checkpoint),
        });
        return removed;
      });
      deleted += count;
      if (count === 0) break;
    }
  }
  return deleted;
}
