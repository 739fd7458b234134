import type { OperatorActor, SystemActor } from '../shared/operator-actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { sealContext } from './integration-config.js';
import {
  countSealedUnderOtherKeys,
  findSealedUnderOtherKeys,
  storeResealed,
} from './integration-repository.js';
import type { KeyRing } from './key-ring.js';

export interface RotateKeysOptions {
  /** Called with rows done and the total, at the start and after each batch. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Re-seals every integration configuration sealed under an older key with the key ring's
 * newest key, 100 rows a change, each re-sealed row recorded as `integration.resealed` in
 * its account's log as `actor`'s change. A row re-sealed meanwhile by another process is
 * left as it is.
 */
export async function rotateKeys(
  ctx: ServiceContext,
  keyRing: KeyRing,
  actor: OperatorActor | SystemActor,
  options: RotateKeysOptions,
): Promise<number> {
  const { db } = ctx;
  const total = await countSealedUnderOtherKeys(db, keyRing.currentKeyId);
  let done = 0;
  options.onProgress?.(done, total);
  for (;;) {
    const batch = await findSealedUnderOtherKeys(db, keyRing.currentKeyId, 100);
    if (batch.length === 0) return done;
    await ctx.write(actor, async (tx) => {
      for (const row of batch) {
        const context = sealContext(row.account_id, row.id, row.service);
        const sealed = keyRing.seal(
          keyRing.open({ keyId: row.key_id, sealed: row.sealed_config }, context),
          context,
        );
        if (await storeResealed(tx.trx, row, sealed)) {
          tx.record({
            accountId: row.account_id,
            action: 'integration.resealed',
            target: { type: 'integration', id: row.id },
            changedFields: ['keyId'],
          });
        }
      }
    });
    done += batch.length;
    options.onProgress?.(done, total);
  }
}
