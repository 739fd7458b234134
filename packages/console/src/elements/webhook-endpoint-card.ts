import type { SwitchboardClient } from '@switchboard/client';
import type { WebhookEndpoint } from '@switchboard/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { eventTypeSummary } from '../webhooks/webhook-event-types.js';

/** What an endpoint's card does, and what it shows beside the endpoint itself. */
export interface EndpointCardActions {
  /** The client its deliveries list uses. */
  client: SwitchboardClient | undefined;
  test(endpoint: WebhookEndpoint): void;
  edit(endpoint: WebhookEndpoint): void;
  /** Turns it on, or off (after asking). */
  toggle(endpoint: WebhookEndpoint): void;
  rotate(endpoint: WebhookEndpoint): void;
  remove(endpoint: WebhookEndpoint): void;
  /** Shows or hides its deliveries. */
  showDeliveries(endpoint: WebhookEndpoint, shown: boolean): void;
  deliveriesShown(endpoint: WebhookEndpoint): boolean;
  /** True while one of its actions runs. */
  busy(endpoint: WebhookEndpoint): boolean;
  rowError(endpoint: WebhookEndpoint): TemplateResult | typeof nothing;
}

/**
 * One endpoint of the Webhooks tab: its URL and state, description, the events it gets,
 * its buttons (Send test, Edit, Disable or Enable, Rotate secret, Delete) and, when shown,
 * its recent deliveries.
 *
 * @example endpointCard(endpoint, { client, test, edit, toggle, rotate, remove, … })
 */
export function endpointCard(
  endpoint: WebhookEndpoint,
  actions: EndpointCardActions,
): TemplateResult {
  const { id, url, enabled, description } = endpoint;
  const busy = actions.busy(endpoint);
  const shown = actions.deliveriesShown(endpoint);
  const added = new Date(endpoint.createdAt);
  return html`<article class="endpoint ${enabled ? '' : 'off'}" data-endpoint=${url}
      aria-labelledby=${`endpoint-${id}`}>
    <header>
      <h3 id=${`endpoint-${id}`}>${url}</h3>
      <span class="badge ${enabled ? 'ok' : 'off'}">${enabled ? 'Enabled' : 'Disabled'}</span>
    </header>
    ${description ? html`<p class="description">${description}</p>` : nothing}
    <dl class="facts">
      <dt>Events</dt>
      <dd><ul class="types" aria-label="Events">
        ${eventTypeSummary(endpoint.eventTypes).map((type) => html`<li><code>${type}</code></li>`)}
      </ul></dd>
      <dt>Added</dt>
      <dd><time datetime=${endpoint.createdAt}>${added.toLocaleString()}</time></dd>
    </dl>
    ${
      enabled
        ? nothing
        : html`<p class="muted">Disabled: no new events are sent to it, and its pending deliveries
            were given up (retry them once it is enabled). Tests and retries are still sent.</p>`
    }
    <div class="card-actions">
      <button @click=${() => actions.test(endpoint)} ?disabled=${busy}>Send test event</button>
      <button @click=${() => actions.edit(endpoint)}>Edit</button>
      <button @click=${() => actions.toggle(endpoint)} ?disabled=${busy}>
        ${enabled ? 'Disable' : 'Enable'}</button>
      <button @click=${() => actions.rotate(endpoint)} ?disabled=${busy}>Rotate secret</button>
      <button class="danger" @click=${() => actions.remove(endpoint)} ?disabled=${busy}>
        Delete</button>
      <span class="spacer"></span>
      <button class="link" aria-expanded=${shown ? 'true' : 'false'}
        @click=${() => actions.showDeliveries(endpoint, !shown)}>
        ${shown ? 'Hide deliveries' : 'Show deliveries'}</button>
    </div>
    ${actions.rowError(endpoint)}
    ${
      shown
        ? html`<sb-webhook-deliveries .client=${actions.client} .endpoint=${endpoint}>
          </sb-webhook-deliveries>`
        : nothing
    }
  </article>`;
}
