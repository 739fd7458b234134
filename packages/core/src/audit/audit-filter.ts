import { SwitchboardError } from '../errors/switchboard-error.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/keyset-cursor.js';

/** What a list or an export of the log is narrowed to; every field optional. */
export interface AuditFilter {
  /** One action, or every action of one area. */
  action?: { exact: string } | { area: string };
  actorId?: string;
  targetId?: string;
  /** ISO times as stored: events at or after `since` and before `until`. */
  since?: string;
  until?: string;
}

/** Where a page ends: the last event's time and number (the log's order, newest first). */
export interface AuditCursor {
  at: string;
  seq: number;
}

/**
 * The filter of a list or export query as the schema parsed it: `user.*` is an area, any
 * other action exact; times in any offset become ISO UTC, as stored.
 *
 * @example auditFilter({ action: 'user.*', since: '2026-01-01T00:00:00+01:00' }) // { action: { area: 'user' }, since: '2025-12-31T23:00:00.000Z' }
 */
export function auditFilter(query: {
  action?: string | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}): AuditFilter {
  const filter: AuditFilter = {};
  if (query.action !== undefined)
    filter.action = query.action.endsWith('.*')
      ? { area: query.action.slice(0, -2) }
      : { exact: query.action };
  if (query.actorId !== undefined) filter.actorId = query.actorId;
  if (query.targetId !== undefined) filter.targetId = query.targetId;
  if (query.since !== undefined) filter.since = new Date(query.since).toISOString();
  if (query.until !== undefined) filter.until = new Date(query.until).toISOString();
  return filter;
}

/** An opaque cursor for the page after the event at `cursor`. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return encodeKeysetCursor([cursor.at, String(cursor.seq)]);
}

/** Reads a cursor; a malformed one is `validation_failed` on `cursor`. */
export function decodeAuditCursor(cursor: string): AuditCursor {
  const [at = '', seq = ''] = decodeKeysetCursor(cursor, 2);
  if (Number.isNaN(Date.parse(at)) || !/^\d{1,15}$/.test(seq))
    throw new SwitchboardError('validation_failed', 'The cursor is not one this API gave out', {
      issues: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  return { at: new Date(at).toISOString(), seq: Number(seq) };
}
