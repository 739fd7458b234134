export { consoleElements, defineConsoleElements } from './define-console-elements.js';
export { AccountPanel, accountChangedEvent } from './elements/account-panel.js';
export { ActivityPanel } from './elements/activity-panel.js';
export { AdminConsole } from './elements/admin-console.js';
export { type Confirmation, ConfirmDialog } from './elements/confirm-dialog.js';
export { ConflictDialog } from './elements/conflict-dialog.js';
export { IntegrationsPanel } from './elements/integrations-panel.js';
export { PhoneNumbersPanel } from './elements/phone-numbers-panel.js';
export { meChangedEvent, ProfilePanel } from './elements/profile-panel.js';
export { ProvisioningPanel } from './elements/provisioning-panel.js';
export { SetPasswordForm } from './elements/set-password-form.js';
export { SignInForm, signedInEvent } from './elements/sign-in-form.js';
export { UsersPanel, usersChangedEvent } from './elements/users-panel.js';
export { WebhookDeliveries } from './elements/webhook-deliveries.js';
export {
  endpointCancelEvent,
  endpointSubmitEvent,
  WebhookEndpointForm,
} from './elements/webhook-endpoint-form.js';
export { type SecretReveal, WebhookSecretDialog } from './elements/webhook-secret-dialog.js';
export { WebhooksPanel } from './elements/webhooks-panel.js';
export {
  ConsoleElement,
  type EditOutcome,
  unauthenticatedEvent,
  type VersionedEdit,
} from './shared/console-element.js';
export type { ConflictRow, EditConflict } from './shared/edit-conflict.js';
export { type FormErrors, formErrors } from './shared/form-errors.js';
export { type SessionStore, tabSessionStore } from './shared/session-store.js';
