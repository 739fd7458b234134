import { type Kysely, sql } from 'kysely';
import { actionArea, genesisSeal, sealEvent } from '../../audit/index.js';
import { isoTimestamp } from '../row-values.js';
import type { SchemaMigration } from './migration-context.js';

/** Events read per query while sealing the events recorded before this migration. */
const batchSize = 1000;

interface LegacyEvent {
  id: string;
  account_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  changed_fields: string;
  created_at: string | Date;
}

/**
 * Chains the events of one account recorded before seals existed, in the order they were
 * listed (time, then id): numbers them 1, 2, 3… and seals each over the previous one with
 * plain SHA-256 (a migration has no key ring). `migrate()` of a Switchboard with a key
 * ring then seals them again under its audit key (see `sealUnkeyedEvents`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then
async function chainLegacyEvents(db: Kysely<any>, accountId: string | null): Promise<void> {
  let seq = 0;
  let seal = genesisSeal;
  let lastAt = '';
  let after: { at: string | Date; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('audit_events')
      .select([
        'id',
        'account_id',
        'actor_type',
        'actor_id',
        'action',
        'target_type',
        'target_id',
        'changed_fields',
        'created_at',
      ])
      .where('account_id', accountId === null ? 'is' : '=', accountId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(batchSize);
    if (after)
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after?.at, after?.id)),
      );
    const rows = (await query.execute()) as LegacyEvent[];
    for (const row of rows) {
      seq++;
      lastAt = isoTimestamp(row.created_at);
      seal = sealEvent(null, seal, {
        accountId: row.account_id,
        seq,
        id: row.id,
        at: lastAt,
        actorType: row.actor_type,
        actorId: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        changedFields: row.changed_fields,
        requestId: null,
        clientAddress: null,
        keyId: null,
      });
      await db
        .updateTable('audit_events')
        .set({ seq, seal, area: actionArea(row.action) })
        .where('id', '=', row.id)
        .execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    after = { at: last.created_at, id: last.id };
  }
  if (seq === 0) return;
  await db
    .insertInto('audit_chains')
    .values({
      account_id: accountId ?? '',
      last_seq: seq,
      last_seal: seal,
      last_at: lastAt,
      start_seq: 0,
      start_seal: genesisSeal,
    })
    .execute();
}

/**
 * The audit log made readable and tamper-evident (E2, E3): each event gets its request id
 * and client address, its area (for `area.*` filters), its number in its account's chain,
 * its seal and the id of the key that sealed it; `audit_chains` holds each chain's head
 * (locked by every append, so appends to one account are serialised) and where a pruned
 * chain starts; `audit_keys` the audit keys, sealed by the key ring. Existing events are
 * chained and sealed here. One index per filter shape, each ending in (created_at, seq).
 */
export const auditLog: SchemaMigration = {
  async up(db, { timestamp }) {
    const columns: [string, 'text' | 'integer', string | number | null][] = [
      ['area', 'text', ''],
      ['request_id', 'text', null],
      ['client_address', 'text', null],
      ['seq', 'integer', 0],
      ['key_id', 'text', null],
      ['seal', 'text', ''],
    ];
    for (const [name, type, fallback] of columns) {
      await db.schema
        .alterTable('audit_events')
        .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute();
    }
    await db.schema
      .createTable('audit_chains')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addColumn('last_seal', 'text', (c) => c.notNull())
      .addColumn('last_at', timestamp, (c) => c.notNull())
      .addColumn('start_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('start_seal', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('checkpoint_key_id', 'text')
      .addColumn('checkpoint_seal', 'text')
      .execute();
    await db.schema
      .createTable('audit_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('wrapped_key_id', 'text', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', timestamp, (c) => c.notNull())
      .execute();

    const accounts = await db.selectFrom('audit_events').select('account_id').distinct().execute();
    for (const { account_id } of accounts as { account_id: string | null }[])
      await chainLegacyEvents(db, account_id);

    await db.schema.dropIndex('audit_events_account_idx').execute();
    await db.schema
      .createIndex('audit_events_chain_idx')
      .on('audit_events')
      .columns(['account_id', 'seq'])
      .unique()
      .execute();
    for (const [name, column] of [
      ['time', null],
      ['action', 'action'],
      ['area', 'area'],
      ['actor', 'actor_id'],
      ['target', 'target_id'],
    ] as const) {
      await db.schema
        .createIndex(`audit_events_${name}_idx`)
        .on('audit_events')
        .columns(['account_id', ...(column ? [column] : []), 'created_at', 'seq'])
        .execute();
    }
    await db.schema
      .createIndex('audit_events_unkeyed_idx')
      .on('audit_events')
      .columns(['account_id', 'seq'])
      .where(sql.ref('key_id'), 'is', null)
      .execute();
  },
};
