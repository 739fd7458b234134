import type { AuditEventListQuery, AuditExportFormat } from '@switchboard/contract';

/** What the Activity tab's filters are set to; `''` is "any". */
export interface ActivityFilters {
  /** Events by this user (their id). */
  actorId: string;
  /** Events of this area (`user`, `phone_number`…): the actions `area.*`. */
  area: string;
  /** From this day on, `YYYY-MM-DD`, in the browser's time zone. */
  from: string;
  /** Up to and including this day, `YYYY-MM-DD`. */
  to: string;
}

/** Every event. */
export const noFilters: ActivityFilters = { actorId: '', area: '', from: '', to: '' };

/** The areas of the log, as the area filter offers them. */
export const activityAreas: readonly { area: string; label: string }[] = [
  { area: 'user', label: 'Users' },
  { area: 'account', label: 'Account' },
  { area: 'phone_number', label: 'Phone numbers' },
  { area: 'integration', label: 'Integrations' },
  { area: 'webhook_endpoint', label: 'Webhooks' },
  { area: 'scim_token', label: 'SCIM tokens' },
];

/** Local midnight of `YYYY-MM-DD` plus `days`, as an ISO time; undefined for `''`. */
function midnight(day: string, days = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  return new Date(year, month - 1, date + days).toISOString();
}

/**
 * The time range of the day filters: `since` the start of `from`, `until` the end of `to`
 * (the start of the day after), in the browser's time zone.
 *
 * @example timeRange({ ...noFilters, from: '2026-11-23', to: '2026-11-23' }) // one day
 */
export function timeRange(filters: ActivityFilters): { since?: string; until?: string } {
  const since = midnight(filters.from);
  const until = midnight(filters.to, 1);
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

/** Why the filters cannot be asked for (the first day after the last), or undefined. */
export function filtersProblem(filters: ActivityFilters): string | undefined {
  const { since, until } = timeRange(filters);
  return since && until && since >= until ? 'The first day is after the last day.' : undefined;
}

/**
 * The query of `auditEvents.list()` and `auditEvents.export()` for the filters.
 *
 * @example activityQuery({ ...noFilters, area: 'user' }) // { action: 'user.*' }
 */
export function activityQuery(filters: ActivityFilters): Omit<AuditEventListQuery, 'cursor'> {
  return {
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.area ? { action: `${filters.area}.*` } : {}),
    ...timeRange(filters),
  };
}

/**
 * The timeline shows every event from the newest down (no person, area or end day): what
 * `knownNewOwners` needs to tell a number's new owner.
 */
export function showsWholeLog(filters: ActivityFilters): boolean {
  return !filters.actorId && !filters.area && !filters.to;
}

/**
 * The name of a filtered export, after its filters; undefined without filters (the
 * server's name then).
 *
 * @example exportFileName({ ...noFilters, area: 'user', from: '2026-11-01' }, 'csv') // 'audit-events-user-from-2026-11-01.csv'
 */
export function exportFileName(
  filters: ActivityFilters,
  format: AuditExportFormat,
): string | undefined {
  const parts = ['audit-events'];
  if (filters.area) parts.push(filters.area);
  if (filters.actorId) parts.push(filters.actorId);
  if (filters.from) parts.push('from', filters.from);
  if (filters.to) parts.push('to', filters.to);
  return parts.length > 1 ? `${parts.join('-')}.${format}` : undefined;
}
