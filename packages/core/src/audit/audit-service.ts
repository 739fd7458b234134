import {
  type AuditEvent,
  type AuditEventListQuery,
  type AuditEventPage,
  type AuditExportFormat,
  type AuditExportQuery,
  type AuditVerification,
  auditEventListQuerySchema,
  auditExportQuerySchema,
} from '@switchboard/contract';
import { isoTimestamp } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import {
  type OperatorActor,
  requireOperatorOrSystem,
  type SystemActor,
} from '../shared/operator-actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { chainKey, findChainHead, listChainHeads } from './audit-chain-repository.js';
import { findAuditBatch, findAuditPage } from './audit-event-queries.js';
import { exportChunks, exportMediaTypes } from './audit-export-format.js';
import {
  type AuditCursor,
  type AuditFilter,
  auditFilter,
  decodeAuditCursor,
  encodeAuditCursor,
} from './audit-filter.js';
import type { AuditKeys } from './audit-keys.js';
import type { AuditEventRow } from './audit-repository.js';
import { pruneAuditEvents } from './audit-retention.js';
import { sealUnkeyedEvents } from './seal-unkeyed-events.js';
import { verifyChain } from './verify-chain.js';

/** An export, ready to stream: its media type, a file name, and its text chunk by chunk. */
export interface AuditExport {
  format: AuditExportFormat;
  /** `application/x-ndjson` or `text/csv`. */
  contentType: string;
  /** `audit-events-acc_….ndjson`. */
  fileName: string;
  /** Read lazily, a batch of events at a time: memory stays flat for any size. */
  chunks: AsyncIterable<string>;
}

/** One account's chain as `verifyAccounts` reports it. */
export interface AccountVerification extends AuditVerification {
  /** The account, or null for events of no account. */
  accountId: string | null;
}

/** Events read per query while exporting. */
const exportBatch = 500;

/** A stored event as the API shows it. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id },
    target: { type: row.target_type, id: row.target_id },
    changedFields: JSON.parse(row.changed_fields) as string[],
    requestId: row.request_id,
    clientAddress: row.client_address,
    at: isoTimestamp(row.created_at),
  };
}

const cursorOf = (row: AuditEventRow): AuditCursor => ({
  at: isoTimestamp(row.created_at),
  seq: Number(row.seq),
});

/**
 * The account's audit log (E1–E3): read it (admins), export it, prove it untouched, and
 * keep it only as long as configured.
 */
export class AuditService {
  readonly #ctx: ServiceContext;
  readonly #keys: AuditKeys;
  readonly #retentionDays: number | undefined;

  constructor(ctx: ServiceContext, deps: { keys: AuditKeys; retentionDays?: number | undefined }) {
    const days = deps.retentionDays;
    if (days !== undefined && !(Number.isFinite(days) && days > 0))
      throw new Error(`auditRetentionDays must be a number of days above 0, got ${days}`);
    this.#ctx = ctx;
    this.#keys = deps.keys;
    this.#retentionDays = days;
  }

  /**
   * One page of the account's events, newest first (admins). Filters: `action` exact or
   * `area.*`, `actorId`, `targetId`, `since` (inclusive), `until` (exclusive).
   *
   * @example const { data, nextCursor } = await sb.audit.list(admin, { action: 'user.*', limit: 20 });
   */
  async list(actor: Actor, query: AuditEventListQuery = {}): Promise<AuditEventPage> {
    requireAdmin(actor);
    const { limit, cursor, ...filters } = parseInput(auditEventListQuerySchema, query);
    const after = cursor === undefined ? null : decodeAuditCursor(cursor);
    const rows = await findAuditPage(
      this.#ctx.db,
      actor.accountId,
      auditFilter(filters),
      after,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toAuditEvent),
      nextCursor:
        rows.length > limit && last !== undefined ? encodeAuditCursor(cursorOf(last)) : null,
    };
  }

  /**
   * Every event of the account matching the list's filters, oldest first, as NDJSON or CSV (admins):
   * read a batch at a time as the chunks are consumed, up to the newest event when the
   * export was asked for.
   *
   * @example const file = await sb.audit.export(admin, { format: 'csv' }); for await (const chunk of file.chunks) out.write(chunk);
   */
  async export(actor: Actor, query: AuditExportQuery = {}): Promise<AuditExport> {
    requireAdmin(actor);
    const { format, ...filters } = parseInput(auditExportQuerySchema, query);
    const filter = auditFilter(filters);
    const head = await findChainHead(this.#ctx.db, chainKey(actor.accountId));
    return {
      format,
      contentType: exportMediaTypes[format],
      fileName: `audit-events-${actor.accountId}.${format}`,
      chunks: exportChunks(
        format,
        this.#batches(actor.accountId, filter, Number(head?.last_seq ?? 0)),
      ),
    };
  }

  async *#batches(
    accountId: string,
    filter: AuditFilter,
    lastSeq: number,
  ): AsyncGenerator<AuditEvent[]> {
    let after: AuditCursor | null = null;
    for (;;) {
      const rows = await findAuditBatch(
        this.#ctx.db,
        accountId,
        filter,
        after,
        lastSeq,
        exportBatch,
      );
      if (rows.length === 0) return;
      yield rows.map(toAuditEvent);
      if (rows.length < exportBatch) return;
      after = cursorOf(rows.at(-1) as AuditEventRow);
    }
  }

  /**
   * Verifies the account's chain (admins; E3): `{ ok, checked, firstBrokenEventId }`. An
   * edited, removed or reordered event breaks it from that event on.
   *
   * @example const { ok, firstBrokenEventId } = await sb.audit.verify(admin);
   */
  async verify(actor: Actor): Promise<AuditVerification> {
    requireAdmin(actor);
    const head = await findChainHead(this.#ctx.db, chainKey(actor.accountId));
    if (!head) return { ok: true, checked: 0, firstBrokenEventId: null };
    return verifyChain(this.#ctx.db, this.#keys, head);
  }

  /**
   * Verifies every account's chain, or one account's (the operator or Switchboard itself),
   * reporting progress as `(checked, total)` events.
   *
   * @example const results = await sb.audit.verifyAccounts(operatorActor(), { onProgress: bar });
   */
  async verifyAccounts(
    actor: OperatorActor | SystemActor,
    options: { accountId?: string; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<AccountVerification[]> {
    requireOperatorOrSystem(actor);
    const heads = await listChainHeads(this.#ctx.db, options.accountId);
    const total = heads.reduce((sum, h) => sum + Number(h.last_seq) - Number(h.start_seq), 0);
    let done = 0;
    options.onProgress?.(done, total);
    const results: AccountVerification[] = [];
    for (const head of heads) {
      const span = Number(head.last_seq) - Number(head.start_seq);
      const before = done;
      const result = await verifyChain(this.#ctx.db, this.#keys, head, {
        onChecked: (count) => {
          done = Math.min(done + count, before + span);
          options.onProgress?.(done, total);
        },
      });
      done = before + span;
      options.onProgress?.(done, total);
      results.push({ accountId: head.account_id === '' ? null : head.account_id, ...result });
    }
    return results;
  }

  /**
   * Deletes events older than the retention (`auditRetentionDays`), cutting each chain at
   * a sealed checkpoint so it still verifies. The housekeeping timer runs it; returns how
   * many events were deleted (0 when the log is kept forever).
   */
  async pruneExpired(actor: OperatorActor | SystemActor): Promise<number> {
    requireOperatorOrSystem(actor);
    if (this.#retentionDays === undefined) return 0;
    const before = new Date(this.#ctx.clock.now().getTime() - this.#retentionDays * 86_400_000);
    return pruneAuditEvents(this.#ctx, this.#keys, before.toISOString());
  }

  /**
   * Brings the log's keys up to date, at start-up (`migrate()`): re-seals older audit keys
   * under the key ring's newest key, and seals under the key ring the events that were
   * sealed without one. Safe to run from several instances at once.
   */
  async prepare(): Promise<void> {
    await this.#keys.rewrap(this.#ctx.db);
    await sealUnkeyedEvents(this.#ctx, this.#keys, this.#ctx.logger);
  }
}
