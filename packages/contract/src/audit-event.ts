import { z } from 'zod';
import { singleLineText, timestampSchema } from './common.js';

/** Who did something: a user (`id` is theirs), the platform operator, Switchboard itself, or SCIM. */
export const auditActorSchema = z.object({
  type: z.enum(['user', 'operator', 'system', 'scim']),
  id: z.string().nullable(),
});

/**
 * One event of an account's audit log (E1, E2): who did what to which target, when, which
 * fields changed (names, never values), and the request that caused it.
 */
export const auditEventSchema = z.object({
  id: z.string(),
  /** `area.verb`: `user.added`, `phone_number.updated`. */
  action: z.string(),
  actor: auditActorSchema,
  target: z.object({ type: z.string(), id: z.string() }),
  changedFields: z.array(z.string()),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  at: timestampSchema,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** An ISO 8601 time, with `Z` or an offset: `2026-11-23T10:00:00Z`. */
const timeSchema = z.iso.datetime({ offset: true });

/** An action (`user.added`) or every action of an area (`user.*`). */
export const auditActionFilterSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}\.([a-z][a-z0-9_]{0,63}|\*)$/,
    'Expected an action (user.added) or an area followed by .* (user.*)',
  );

/** What a list or an export keeps: every filter optional. */
const auditFilters = {
  action: auditActionFilterSchema.optional(),
  actorId: singleLineText(200).min(1).optional(),
  targetId: singleLineText(200).min(1).optional(),
  /** Events at or after this time. */
  since: timeSchema.optional(),
  /** Events before this time. */
  until: timeSchema.optional(),
};

/** Query of `GET /v1/audit-events` (E2): newest first, by cursor, filtered. */
export const auditEventListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: singleLineText(500).min(1).optional(),
  ...auditFilters,
});
export type AuditEventListQuery = z.input<typeof auditEventListQuerySchema>;

/** One page of events, newest first, and the cursor of the next (null on the last page). */
export const auditEventPageSchema = z.object({
  data: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

/** The formats of an export: one JSON event per line, or CSV with a header line. */
export const auditExportFormatSchema = z.enum(['ndjson', 'csv']);
export type AuditExportFormat = z.infer<typeof auditExportFormatSchema>;

/** Query of `GET /v1/audit-events/export` (E2): every matching event, oldest first. */
export const auditExportQuerySchema = z.strictObject({
  format: auditExportFormatSchema.default('ndjson'),
  ...auditFilters,
});
export type AuditExportQuery = z.input<typeof auditExportQuerySchema>;

/** The columns of a CSV export, in order (its header line). */
export const auditCsvColumns = [
  'id',
  'at',
  'action',
  'actorType',
  'actorId',
  'targetType',
  'targetId',
  'changedFields',
  'requestId',
  'clientAddress',
] as const;

/**
 * What verifying the log answers (E3): whether the chain holds, how many events were
 * checked, and the first event from which it does not (null when it holds, or when only
 * events after the last one were removed).
 */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().min(0),
  firstBrokenEventId: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
