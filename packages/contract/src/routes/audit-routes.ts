import {
  auditEventListQuerySchema,
  auditEventPageSchema,
  auditEventSchema,
  auditExportQuerySchema,
  auditVerificationSchema,
} from '../audit-event.js';
import { defineRoute } from './route-descriptor.js';

/** Reading, exporting and verifying the account's audit log (admins only; E2, E3). */
export const auditRoutes = {
  listAuditEvents: defineRoute({
    method: 'get',
    path: '/v1/audit-events',
    operationId: 'listAuditEvents',
    summary:
      'One page of the account’s audit log, newest first; filter by `action` (exact or `area.*`), `actorId`, `targetId`, `since`, `until`',
    tag: 'Audit log',
    access: 'user',
    adminOnly: true,
    query: auditEventListQuerySchema,
    response: { status: 200, description: 'A page of events', schema: auditEventPageSchema },
    errors: ['forbidden'],
  }),
  exportAuditEvents: defineRoute({
    method: 'get',
    path: '/v1/audit-events/export',
    operationId: 'exportAuditEvents',
    summary:
      'Every event of the account between `since` and `until`, oldest first, streamed as an NDJSON or CSV file',
    tag: 'Audit log',
    access: 'user',
    adminOnly: true,
    query: auditExportQuerySchema,
    download: {
      mediaTypes: {
        'application/x-ndjson': {
          description: 'One AuditEvent (JSON) per line (`format=ndjson`, the default)',
          lineSchema: auditEventSchema,
        },
        'text/csv': {
          description:
            "A header line, then one event per line (`format=csv`; RFC 4180; cells a spreadsheet would run as a formula start with `'`)",
        },
      },
    },
    response: { status: 200, description: 'The events, as a file' },
    errors: ['forbidden'],
  }),
  verifyAuditEvents: defineRoute({
    method: 'get',
    path: '/v1/audit-events/verify',
    operationId: 'verifyAuditEvents',
    summary:
      'Check the account’s audit chain: every event sealed, in its place, none removed (an edited, removed or reordered event is named)',
    tag: 'Audit log',
    access: 'user',
    adminOnly: true,
    response: { status: 200, description: 'The result', schema: auditVerificationSchema },
    errors: ['forbidden'],
  }),
};
