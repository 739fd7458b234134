import { AccountPanel } from './elements/account-panel.js';
import { ActivityPanel } from './elements/activity-panel.js';
import { AdminConsole } from './elements/admin-console.js';
import { ConfirmDialog } from './elements/confirm-dialog.js';
import { ConflictDialog } from './elements/conflict-dialog.js';
import { IntegrationsPanel } from './elements/integrations-panel.js';
import { PhoneNumbersPanel } from './elements/phone-numbers-panel.js';
import { ProfilePanel } from './elements/profile-panel.js';
import { ProvisioningPanel } from './elements/provisioning-panel.js';
import { SetPasswordForm } from './elements/set-password-form.js';
import { SignInForm } from './elements/sign-in-form.js';
import { UsersPanel } from './elements/users-panel.js';
import { WebhookDeliveries } from './elements/webhook-deliveries.js';
import { WebhookEndpointForm } from './elements/webhook-endpoint-form.js';
import { WebhookSecretDialog } from './elements/webhook-secret-dialog.js';
import { WebhooksPanel } from './elements/webhooks-panel.js';

/** Every console element by its tag name. */
export const consoleElements = {
  'sb-console': AdminConsole,
  'sb-sign-in': SignInForm,
  'sb-set-password': SetPasswordForm,
  'sb-users': UsersPanel,
  'sb-account-info': AccountPanel,
  'sb-phone-numbers': PhoneNumbersPanel,
  'sb-integrations': IntegrationsPanel,
  'sb-activity': ActivityPanel,
  'sb-webhooks': WebhooksPanel,
  'sb-webhook-endpoint-form': WebhookEndpointForm,
  'sb-webhook-deliveries': WebhookDeliveries,
  'sb-webhook-secret-dialog': WebhookSecretDialog,
  'sb-provisioning': ProvisioningPanel,
  'sb-profile': ProfilePanel,
  'sb-confirm-dialog': ConfirmDialog,
  'sb-conflict-dialog': ConflictDialog,
} as const;

/**
 * Registers the console's custom elements (once; tags already defined are left alone).
 *
 * @example
 * defineConsoleElements();
 * document.querySelector('sb-users').client = createClient({ baseUrl: '/admin', token });
 */
export function defineConsoleElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(consoleElements)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}
