import { auditRoutes } from '@switchboard/contract';
import { downloadResponse } from '../http/download-response.js';
import { handleRoutes } from '../http/route-definition.js';

/** Reading, exporting and verifying the account's audit log (admins only; E2, E3). */
export const auditHandlers = handleRoutes(auditRoutes, {
  listAuditEvents: ({ switchboard, actor, query }) => switchboard.audit.list(actor(), query),
  exportAuditEvents: async ({ switchboard, actor, query, context }) =>
    downloadResponse(context, await switchboard.audit.export(actor(), query)),
  verifyAuditEvents: ({ switchboard, actor }) => switchboard.audit.verify(actor()),
});
