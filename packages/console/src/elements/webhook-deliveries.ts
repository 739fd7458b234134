import type { WebhookDelivery, WebhookEndpoint } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { ConsoleElement } from '../shared/console-element.js';
import { deliveryFacts, sendingNow } from '../webhooks/webhook-delivery-facts.js';
import { webhookStyles } from './webhook-styles.js';

const pageSize = 20;
/** After a test or a retry, the list is read again after these waits while one is being sent. */
const followDelaysMs = [700, 1_500, 3_000, 5_000, 8_000];

/**
 * `<sb-webhook-deliveries>`: the recent deliveries of one endpoint (`endpoint`), newest
 * first — event, status, attempts, the last answer or error, the next attempt — with
 * **Retry** on each, **Refresh**, and **Show older deliveries** page by page. While a
 * delivery it shows is being sent, it reads the list again a few times to show the result.
 * Needs `client`.
 */
export class WebhookDeliveries extends ConsoleElement {
  static override styles = [...ConsoleElement.styles, webhookStyles];
  static override properties = {
    ...ConsoleElement.properties,
    endpoint: { attribute: false },
    deliveries: { state: true },
    nextCursor: { state: true },
  };

  declare endpoint: WebhookEndpoint | undefined;
  declare deliveries: WebhookDelivery[] | undefined;
  declare nextCursor: string | null;
  /** Counts list loads, so a page overtaken by a newer read is dropped. */
  #loads = 0;
  #follow: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.endpoint = undefined;
    this.deliveries = undefined;
    this.nextCursor = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#follow);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A new endpoint, or a new version of it (disabling it gives up its pending deliveries).
    const before = changed.get('endpoint') as WebhookEndpoint | undefined;
    const endpointChanged =
      changed.has('endpoint') &&
      (before?.id !== this.endpoint?.id || before?.version !== this.endpoint?.version);
    if ((changed.has('client') || endpointChanged) && this.client && this.endpoint)
      void this.refresh();
  }

  /**
   * Reads the newest deliveries again (as many as are shown), then keeps reading while one
   * is being sent, a few times, so its result appears without another click.
   */
  async refresh(): Promise<void> {
    clearTimeout(this.#follow);
    await this.#read();
    this.#followSending(0);
  }

  async #read(): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const load = ++this.#loads;
    const limit = Math.min(100, Math.max(pageSize, this.deliveries?.length ?? 0));
    const page = await this.load('page', () =>
      this.api.webhookEndpoints.deliveries(endpoint.id, { limit }),
    );
    if (!page || load !== this.#loads) return;
    this.deliveries = page.data;
    this.nextCursor = page.nextCursor;
  }

  #followSending(round: number) {
    const delay = followDelaysMs[round];
    if (delay === undefined || !this.isConnected) return;
    if (!sendingNow(this.deliveries ?? [], new Date())) return;
    this.#follow = setTimeout(async () => {
      await this.#read();
      this.#followSending(round + 1);
    }, delay);
  }

  async #more() {
    const endpoint = this.endpoint;
    const cursor = this.nextCursor;
    if (!endpoint || !cursor || this.busy.page) return;
    const load = ++this.#loads;
    const page = await this.load('page', () =>
      this.api.webhookEndpoints.deliveries(endpoint.id, { limit: pageSize, cursor }),
    );
    if (!page || load !== this.#loads) return;
    this.deliveries = [...(this.deliveries ?? []), ...page.data];
    this.nextCursor = page.nextCursor;
  }

  async #retry(delivery: WebhookDelivery) {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const done = await this.run(`retry:${delivery.id}`, () =>
      this.api.webhookEndpoints.retryDelivery(endpoint.id, delivery.id).then(() => true),
    );
    if (done) await this.refresh();
  }

  override render() {
    const deliveries = this.deliveries;
    return html`<section class="deliveries" aria-label="Deliveries">
      <div class="toolbar">
        <h4>Recent deliveries</h4>
        <div class="buttons">
          <button @click=${this.refresh} ?disabled=${this.busy.page}>Refresh</button>
        </div>
      </div>
      ${this.formError('page')}
      ${
        deliveries === undefined
          ? html`<p class="muted">Loading deliveries…</p>`
          : deliveries.length === 0
            ? html`<p class="muted">No deliveries yet. Send a test event to see one here.</p>`
            : this.#table(deliveries)
      }
      ${
        this.nextCursor
          ? html`<p><button @click=${this.#more} ?disabled=${this.busy.page}>
              ${this.busy.page ? 'Loading…' : 'Show older deliveries'}</button></p>`
          : nothing
      }
    </section>`;
  }

  #table(deliveries: readonly WebhookDelivery[]) {
    const now = new Date();
    return html`<div class="table-scroll"><table aria-label="Deliveries">
      <thead><tr>
        <th>Status</th><th>Event</th><th>Time</th><th>Attempts</th><th>Last response</th>
        <th>Next attempt</th><th class="actions"><span class="muted">Actions</span></th>
      </tr></thead>
      <tbody>${deliveries.map((delivery) => this.#row(delivery, now))}</tbody>
    </table></div>`;
  }

  #row(delivery: WebhookDelivery, now: Date) {
    const facts = deliveryFacts(delivery, now);
    const at = new Date(delivery.createdAt);
    const key = `retry:${delivery.id}`;
    return html`<tr data-delivery=${delivery.id} data-event-id=${delivery.eventId}
        data-event-type=${delivery.eventType} data-status=${delivery.status}>
      <td><span class="badge ${facts.badge}">${facts.status}</span></td>
      <td><code>${delivery.eventType}</code></td>
      <td class="when"><time datetime=${delivery.createdAt} title=${at.toLocaleString()}>
        ${at.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time></td>
      <td>${facts.attempts}</td>
      <td class="response">${facts.response}</td>
      <td>${facts.next}</td>
      <td class="actions">
        <button class="link" @click=${() => this.#retry(delivery)} ?disabled=${this.busy[key]}
          aria-label=${`Retry the ${delivery.eventType} delivery`}
          title="Send it again now">Retry</button>
        ${this.formError(key)}
      </td>
    </tr>`;
  }
}
