import type { SelectQueryBuilder } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import type { AuditCursor, AuditFilter } from './audit-filter.js';
import type { AuditEventRow } from './audit-repository.js';

type EventQuery = SelectQueryBuilder<Database, 'audit_events', AuditEventRow>;

/** The events of one account's chain (null: events of no account). */
function eventsOf(db: Executor, accountId: string | null): EventQuery {
  const query = db.selectFrom('audit_events').selectAll();
  return accountId === null
    ? query.where('account_id', 'is', null)
    : query.where('account_id', '=', accountId);
}

/**
 * The filter as conditions. Each filter shape has an index that starts with the account
 * and ends with (created_at, seq), so a page is one index range read in order: action,
 * area, actor_id and target_id each have one; a time range alone uses the account's.
 */
function filtered(query: EventQuery, filter: AuditFilter): EventQuery {
  const { action, actorId, targetId, since, until } = filter;
  let q = query;
  if (action && 'exact' in action) q = q.where('action', '=', action.exact);
  if (action && 'area' in action) q = q.where('area', '=', action.area);
  if (actorId !== undefined) q = q.where('actor_id', '=', actorId);
  if (targetId !== undefined) q = q.where('target_id', '=', targetId);
  if (since !== undefined) q = q.where('created_at', '>=', since);
  if (until !== undefined) q = q.where('created_at', '<', until);
  return q;
}

/**
 * Up to `limit` events of the account matching `filter`, newest first, after `after` when
 * given. Keyset on (created_at, seq): an event committed later always sorts before every
 * event already committed (see `recordAudit`), so paging meets each event once.
 */
export async function findAuditPage(
  db: Executor,
  accountId: string,
  filter: AuditFilter,
  after: AuditCursor | null,
  limit: number,
): Promise<AuditEventRow[]> {
  return filtered(eventsOf(db, accountId), filter)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb(eb.refTuple('created_at', 'seq'), '<', eb.tuple(after?.at ?? '', after?.seq ?? 0)),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Up to `limit` events of the account in `filter`, oldest first, after `after`, up to event
 * `lastSeq` (the head when the export began, so an export has a fixed end).
 */
export async function findAuditBatch(
  db: Executor,
  accountId: string,
  filter: AuditFilter,
  after: AuditCursor | null,
  lastSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return filtered(eventsOf(db, accountId), filter)
    .where('seq', '<=', lastSeq)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb(eb.refTuple('created_at', 'seq'), '>', eb.tuple(after?.at ?? '', after?.seq ?? 0)),
      ),
    )
    .orderBy('created_at')
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Up to `limit` events of a chain after event `afterSeq` up to `lastSeq`, in chain order. */
export async function findChainEvents(
  db: Executor,
  accountId: string | null,
  range: { afterSeq: number; lastSeq: number },
  limit: number,
): Promise<AuditEventRow[]> {
  return eventsOf(db, accountId)
    .where('seq', '>', range.afterSeq)
    .where('seq', '<=', range.lastSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The accounts (null: no account) with events sealed without a key (a partial index finds them). */
export async function findUnkeyedChains(db: Executor): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('account_id')
    .distinct()
    .where('key_id', 'is', null)
    .execute();
  return rows.map((row) => row.account_id);
}

/** The first event of a chain sealed without a key, if any (a partial index finds it). */
export async function findFirstUnkeyedEvent(
  db: Executor,
  accountId: string | null,
): Promise<AuditEventRow | undefined> {
  return eventsOf(db, accountId)
    .where('key_id', 'is', null)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

/** The newest event of the account older than `before`, if any (where pruning cuts). */
export async function findLastEventBefore(
  db: Executor,
  accountId: string | null,
  before: string,
): Promise<AuditEventRow | undefined> {
  return eventsOf(db, accountId)
    .where('created_at', '<', before)
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The event of a chain at `seq`, if it is stored. */
export async function findChainEvent(
  db: Executor,
  accountId: string | null,
  seq: number,
): Promise<AuditEventRow | undefined> {
  return eventsOf(db, accountId).where('seq', '=', seq).executeTakeFirst();
}

/** Deletes a chain's events up to `seq` and after `afterSeq`; returns how many. */
export async function deleteChainEvents(
  db: Executor,
  accountId: string | null,
  afterSeq: number,
  seq: number,
): Promise<number> {
  const query = db.deleteFrom('audit_events').where('seq', '>', afterSeq).where('seq', '<=', seq);
  const result = await (accountId === null
    ? query.where('account_id', 'is', null)
    : query.where('account_id', '=', accountId)
  ).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Rewrites the key and seal of one event (the upgrade of unkeyed seals). */
export async function resealEvent(
  db: Executor,
  id: string,
  sealed: { keyId: string; seal: string },
): Promise<void> {
  await db
    .updateTable('audit_events')
    .set({ key_id: sealed.keyId, seal: sealed.seal })
    .where('id', '=', id)
    .execute();
}
