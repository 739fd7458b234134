// The audit area's public API. Events are written only by the write pipeline (E1); this
// area owns audit_events, audit_chains and audit_keys.

export { AuditKeys, useAuditKeys } from './audit-keys.js';
export {
  type AuditActor,
  type AuditEventInput,
  recordAudit,
} from './audit-repository.js';
export { actionArea, genesisSeal, type SealedContent, sealEvent } from './audit-seal.js';
export {
  type AccountVerification,
  type AuditExport,
  AuditService,
  toAuditEvent,
} from './audit-service.js';
