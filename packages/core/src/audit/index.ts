// The audit area's public API. Events are written only by the write pipeline (E1).
export { type AuditActor, type AuditEventInput, recordAudit } from './audit-repository.js';
export { type AuditEvent, AuditService } from './audit-service.js';
