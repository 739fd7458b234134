/**
 * Every action the audit log records (E1), by area: each is also the `type` of the webhook
 * event delivered for it (E4). The core records no other (`Change.action` is typed by this
 * list), so the console and receivers can name every one.
 */
export const auditActions = [
  'account.created',
  'account.updated',
  'account.demo_changed',
  'user.added',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deleted',
  'user.activated',
  'user.activation_resent',
  'user.password_reset_requested',
  'user.password_reset_completed',
  'user.password_changed',
  'user.two_factor_changed',
  'user.signed_in',
  'phone_number.requested',
  'phone_number.updated',
  'phone_number.released',
  'integration.added',
  'integration.updated',
  'integration.tested',
  'integration.deleted',
  'integration.resealed',
  'webhook_endpoint.added',
  'webhook_endpoint.updated',
  'webhook_endpoint.secret_rotated',
  'webhook_endpoint.deleted',
  'webhook_endpoint.resealed',
  'scim_token.created',
  'scim_token.revoked',
] as const;

/** An action of the audit log: `user.added`. */
export type AuditAction = (typeof auditActions)[number];
