import type { Logger } from '../shared/logger.js';
import type { ServiceContext } from '../shared/service-context.js';
import { chainKey, lockChainHead, moveChainStart, setChainHead } from './audit-chain-repository.js';
import {
  findChainEvents,
  findFirstUnkeyedEvent,
  findUnkeyedChains,
  resealEvent,
} from './audit-event-queries.js';
import type { AuditKeys } from './audit-keys.js';
import { sealedContentOf } from './audit-repository.js';
import { sealCheckpoint, sealEvent } from './audit-seal.js';
import { verifyChain } from './verify-chain.js';

const batchSize = 1000;

/**
 * Puts every chain under the key ring once it has one: events sealed without a key (by the
 * migration that introduced seals, or while no key ring was configured) are sealed again
 * with the current audit key, from the first such event to the head, after the chain was
 * verified as it stands — a chain that does not verify is left as it is and logged, never
 * re-sealed (that would hide the damage). One transaction per chain, its head locked, so
 * appends to that account wait and other instances doing the same take turns. Returns how
 * many events were sealed.
 */
export async function sealUnkeyedEvents(
  ctx: ServiceContext,
  keys: AuditKeys,
  logger: Logger,
): Promise<number> {
  if (!keys.keyed) return 0;
  let sealed = 0;
  for (const accountId of await findUnkeyedChains(ctx.db)) {
    const key = chainKey(accountId);
    sealed += await ctx.write({ type: 'system' }, async ({ trx }) => {
      const head = await lockChainHead(trx, key, ctx.dialect);
      const first = await findFirstUnkeyedEvent(trx, accountId);
      if (!head || !first) return 0;
      const check = await verifyChain(trx, keys, head, { requireKey: false });
      if (!check.ok) {
        logger.error('audit: a chain sealed without a key does not verify; left unsealed', {
          accountId: key,
          firstBrokenEventId: check.firstBrokenEventId,
        });
        return 0;
      }
      const audit = await keys.current(trx);
      if (!audit) return 0;
      let startSeq = Number(head.start_seq);
      if (startSeq > 0 && head.checkpoint_key_id === null) {
        const checkpoint = { accountId, seq: startSeq, seal: head.start_seal, keyId: audit.id };
        await moveChainStart(trx, key, {
          seq: startSeq,
          seal: head.start_seal,
          keyId: audit.id,
          checkpointSeal: sealCheckpoint(audit.key, checkpoint),
        });
      }
      const lastSeq = Number(head.last_seq);
      const firstSeq = Number(first.seq);
      let previousSeal = head.start_seal;
      if (firstSeq - 1 > startSeq) {
        const [before] = await findChainEvents(
          trx,
          accountId,
          { afterSeq: firstSeq - 2, lastSeq: firstSeq - 1 },
          1,
        );
        previousSeal = before?.seal ?? head.start_seal;
      }
      startSeq = firstSeq - 1;
      let count = 0;
      for (;;) {
        const rows = await findChainEvents(
          trx,
          accountId,
          { afterSeq: startSeq, lastSeq },
          batchSize,
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          const content = { ...sealedContentOf(row), keyId: audit.id };
          previousSeal = sealEvent(audit.key, previousSeal, content);
          await resealEvent(trx, row.id, { keyId: audit.id, seal: previousSeal });
          count++;
        }
        startSeq = Number(rows.at(-1)?.seq);
      }
      await setChainHead(trx, key, { seq: lastSeq, seal: previousSeal });
      return count;
    });
  }
  return sealed;
}
