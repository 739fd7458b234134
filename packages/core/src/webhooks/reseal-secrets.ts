import type { Executor } from '../db/database.js';
import type { KeyRing } from '../integrations/index.js';
import type { OperatorActor, SystemActor } from '../shared/operator-actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { type EndpointRow, secretContext } from './endpoint-repository.js';

/** Endpoints with a secret sealed under another key than `keyId`, by id. */
async function sealedUnderOtherKeys(
  db: Executor,
  keyId: string,
  limit: number,
): Promise<EndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('key_id', '!=', keyId),
        eb.and([eb('previous_key_id', 'is not', null), eb('previous_key_id', '!=', keyId)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Re-seals every endpoint's signing secrets (the current one and a rotated-out one still
 * signing) under the key ring's newest key, 100 endpoints a change, each recorded as
 * `webhook_endpoint.resealed` in its account's log; afterwards older keys can leave the
 * ring. A row changed meanwhile (its secret rotated) is left for the next run.
 */
export async function resealSecrets(
  ctx: ServiceContext,
  keyRing: KeyRing,
  actor: OperatorActor | SystemActor,
): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await sealedUnderOtherKeys(ctx.db, keyRing.currentKeyId, 100);
    if (batch.length === 0) return done;
    let stored = 0;
    await ctx.write(actor, async (tx) => {
      for (const row of batch) {
        const context = secretContext(row.account_id, row.id);
        const reseal = (keyId: string, sealed: string) =>
          keyRing.seal(keyRing.open({ keyId, sealed }, context), context);
        const current = reseal(row.key_id, row.sealed_secret);
        const previous =
          row.previous_key_id !== null && row.previous_sealed_secret !== null
            ? reseal(row.previous_key_id, row.previous_sealed_secret)
            : null;
        const result = await tx.trx
          .updateTable('webhook_endpoints')
          .set({
            sealed_secret: current.sealed,
            key_id: current.keyId,
            ...(previous
              ? { previous_sealed_secret: previous.sealed, previous_key_id: previous.keyId }
              : {}),
          })
          .where('id', '=', row.id)
          .where('sealed_secret', '=', row.sealed_secret)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) continue;
        stored++;
        tx.record({
          accountId: row.account_id,
          action: 'webhook_endpoint.resealed',
          target: { type: 'webhook_endpoint', id: row.id },
          changedFields: ['keyId'],
        });
      }
    });
    done += stored;
    // Rows another process changed meanwhile come back: stop rather than spin on them.
    if (stored === 0) return done;
  }
}
