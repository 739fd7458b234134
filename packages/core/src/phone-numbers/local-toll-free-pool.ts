import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { NumberProvisioner, ProvisionedNumber } from './number-provisioner.js';
import { randomTollFreeNumber } from './toll-free-number.js';

export interface LocalTollFreePoolOptions {
  /** How long a released number rests before it can be handed out again. Default 30 days. */
  quarantineDays?: number;
  /** Source of randomness, `(max) => 0..max-1`. Default: crypto.randomInt. */
  random?: (max: number) => number;
}

/**
 * The default provisioner: hands out valid North American toll-free numbers from a local
 * pool, for development, demos and tests. A number is never handed out while an account
 * holds it (the unique index on numbers backs this up), and a released number rests in
 * quarantine before it can come back.
 */
export function localTollFreePool(
  deps: { db: Kysely<Database>; clock: Clock },
  options: LocalTollFreePoolOptions = {},
): NumberProvisioner {
  const quarantineMs = (options.quarantineDays ?? 30) * 24 * 3600 * 1000;
  const random = options.random ?? randomInt;
  return {
    async provision() {
      const restingSince = new Date(deps.clock.now().getTime() - quarantineMs).toISOString();
      for (let attempt = 0; attempt < 50; attempt++) {
        const number = randomTollFreeNumber(random);
        const held = await deps.db
          .selectFrom('phone_numbers')
          .select('id')
          .where('number', '=', number)
          .executeTakeFirst();
        const resting = await deps.db
          .selectFrom('number_quarantine')
          .select('number')
          .where('number', '=', number)
          .where('released_at', '>', restingSince)
          .executeTakeFirst();
        if (!held && !resting) return { number, providerRef: null };
      }
      throw new Error('The local toll-free pool found no free number');
    },
    async release({ number }: ProvisionedNumber) {
      const at = deps.clock.now().toISOString();
      await deps.db
        .insertInto('number_quarantine')
        .values({ number, released_at: at })
        .onConflict((oc) => oc.column('number').doUpdateSet({ released_at: at }))
        .execute();
    },
    // The pool keeps no record of its own: a number handed out but never recorded is free.
    async findProvisioned() {
      return null;
    },
  };
}
