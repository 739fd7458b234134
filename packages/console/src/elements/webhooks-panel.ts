import type { WebhookEndpoint, WebhookEndpointUpdate } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ConsoleElement } from '../shared/console-element.js';
import { conflictRows, deleteConflict, editConflict } from '../shared/edit-conflict.js';
import { SubmissionKey } from '../shared/submission-key.js';
import {
  endpointName,
  endpointPatch,
  type WebhookEndpointDraft,
  webhookEndpointConflictFields,
} from '../webhooks/webhook-endpoint-input.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';
import { endpointCard } from './webhook-endpoint-card.js';
import type { WebhookSecretDialog } from './webhook-secret-dialog.js';
import { webhookStyles } from './webhook-styles.js';

const fields = webhookEndpointConflictFields;

/**
 * `<sb-webhooks>`: the account's webhook endpoints, for admins (E4). Adds one (URL, events,
 * description) and shows its signing secret once, with a Copy button; edits, disables or
 * enables, rotates the secret (shown once too; both secrets sign for 24 hours), sends a test
 * event and deletes after confirming. Each endpoint shows its recent deliveries, with Retry.
 * The API's refusals (an address the server will not send to, the endpoint limit) appear
 * in the form. Needs `client`.
 */
export class WebhooksPanel extends ConsoleElement {
  static override styles = [...ConsoleElement.styles, webhookStyles];
  static override properties = {
    ...ConsoleElement.properties,
    endpoints: { state: true },
    editing: { state: true },
    opened: { state: true },
    shown: { state: true },
    notice: { state: true },
  };

  declare endpoints: WebhookEndpoint[] | undefined;
  /** The endpoint the form edits; undefined while it adds one. */
  declare editing: WebhookEndpoint | undefined;
  /** Counts openings of the form, so each one starts afresh. */
  declare opened: number;
  /** The ids of the endpoints whose deliveries are shown. */
  declare shown: ReadonlySet<string>;
  declare notice: string;
  /** The Add form's idempotency key: one endpoint however often the same form is sent. */
  readonly #addKey = new SubmissionKey();

  constructor() {
    super();
    this.endpoints = undefined;
    this.editing = undefined;
    this.opened = 0;
    this.shown = new Set();
    this.notice = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.#load();
  }

  async #load() {
    const endpoints = await this.load('list', () => this.api.webhookEndpoints.list());
    if (endpoints) this.endpoints = endpoints;
  }

  async #open(endpoint: WebhookEndpoint | undefined) {
    this.notice = '';
    this.setErrors('form', { fields: {} });
    this.editing = endpoint;
    this.opened += 1;
    if (!endpoint) this.#addKey.reset();
    await this.updateComplete;
    this.dialog('endpoint-dialog').showModal();
  }

  #closeForm() {
    this.dialog('endpoint-dialog').close();
  }

  async #submit(event: CustomEvent<WebhookEndpointDraft>) {
    const draft = event.detail;
    const opened = this.editing;
    if (opened) return this.#update(opened, draft);
    const added = await this.run('form', () =>
      this.#addKey.send(draft, (idempotencyKey) =>
        this.api.webhookEndpoints.create(draft, { idempotencyKey }),
      ),
    );
    if (!added) return;
    this.#closeForm();
    this.shown = new Set([...this.shown, added.id]);
    await this.#load();
    await this.#secret().reveal({
      title: 'Endpoint added: copy its signing secret',
      lead: `Deliveries to ${endpointName(added)} are signed with this secret. Your receiver checks each signature with it.`,
      secret: added.secret,
    });
    this.notice = `Added ${endpointName(added)}. Send a test event to check that your receiver answers.`;
  }

  async #update(opened: WebhookEndpoint, draft: WebhookEndpointDraft) {
    const patch = endpointPatch(opened, draft);
    const outcome = await this.#save('form', opened, patch);
    if (!outcome) return;
    this.#closeForm();
    this.notice =
      'saved' in outcome
        ? `Saved ${endpointName(opened)}.`
        : `Your edit of ${endpointName(opened)} was discarded; it is shown as it is now.`;
    await this.#load();
  }

  /** Saves a change naming the version it was opened with (C1), asking on a conflict. */
  #save(key: string, opened: WebhookEndpoint, patch: WebhookEndpointUpdate) {
    return this.saveEdit(key, {
      opened,
      send: (version) => this.api.webhookEndpoints.update(opened.id, patch, { ifMatch: version }),
      reload: () => this.api.webhookEndpoints.get(opened.id),
      conflict: (current) =>
        editConflict(
          endpointName(opened),
          conflictRows(fields, opened, current, { ...opened, ...patch } as WebhookEndpoint),
        ),
    });
  }

  async #toggle(endpoint: WebhookEndpoint) {
    this.notice = '';
    const name = endpointName(endpoint);
    if (endpoint.enabled) {
      const yes = await this.#confirm().ask({
        title: `Disable ${name}?`,
        message:
          'No new events are sent to it, and its pending deliveries are given up (you can retry them later). You can enable it again at any time.',
        confirmLabel: 'Yes, disable',
      });
      if (!yes) return;
    }
    const outcome = await this.#save(`row:${endpoint.id}`, endpoint, {
      enabled: !endpoint.enabled,
    });
    if (!outcome) return;
    if ('saved' in outcome) {
      this.notice = outcome.saved.enabled
        ? `Enabled ${name}: new events are sent to it again.`
        : `Disabled ${name}.`;
    }
    await this.#load();
  }

  async #rotate(endpoint: WebhookEndpoint) {
    this.notice = '';
    const name = endpointName(endpoint);
    const yes = await this.#confirm().ask({
      title: `Rotate the signing secret of ${name}?`,
      message:
        'A new secret is made. For the next 24 hours every delivery is signed with both the new and the old secret, so give your receiver the new one beside the old, then drop the old one within 24 hours.',
      confirmLabel: 'Yes, rotate',
    });
    if (!yes) return;
    const rotated = await this.run(`row:${endpoint.id}`, () =>
      this.api.webhookEndpoints.rotateSecret(endpoint.id),
    );
    if (!rotated) return;
    await this.#load();
    await this.#secret().reveal({
      title: 'New signing secret',
      lead: `For the next 24 hours deliveries to ${name} are signed with both this secret and the old one. Give it to your receiver now, beside the old one, and drop the old one within 24 hours.`,
      secret: rotated.secret,
    });
    this.notice = `Rotated the secret of ${name}; the old one stops signing in 24 hours.`;
  }

  async #test(endpoint: WebhookEndpoint) {
    this.notice = '';
    const sent = await this.run(`row:${endpoint.id}`, () =>
      this.api.webhookEndpoints.sendTest(endpoint.id).then(() => true),
    );
    if (!sent) return;
    this.notice = `A webhook.test event is on its way to ${endpointName(endpoint)}; its delivery is listed below.`;
    if (this.shown.has(endpoint.id)) {
      await this.#deliveries(endpoint)?.refresh();
    } else {
      this.shown = new Set([...this.shown, endpoint.id]);
    }
  }

  async #delete(endpoint: WebhookEndpoint) {
    this.notice = '';
    const name = endpointName(endpoint);
    const yes = await this.#confirm().ask({
      title: `Delete ${name}?`,
      message:
        'No more events are sent to it, and its deliveries are deleted with it. This cannot be undone.',
      confirmLabel: 'Yes, delete',
    });
    if (!yes) return;
    const outcome = await this.saveEdit(`row:${endpoint.id}`, {
      opened: endpoint,
      send: (ifMatch) =>
        this.api.webhookEndpoints.delete(endpoint.id, { ifMatch }).then(() => true),
      reload: () => this.api.webhookEndpoints.get(endpoint.id),
      conflict: (current) => deleteConflict(name, conflictRows(fields, endpoint, current)),
    });
    if (!outcome) return;
    this.notice = 'saved' in outcome ? `Deleted ${name}.` : `${name} was kept.`;
    await this.#load();
  }

  #showDeliveries(endpoint: WebhookEndpoint, show: boolean) {
    const shown = new Set(this.shown);
    if (show) shown.add(endpoint.id);
    else shown.delete(endpoint.id);
    this.shown = shown;
  }

  #deliveries(endpoint: WebhookEndpoint): WebhookDeliveries | null {
    const card = this.renderRoot.querySelector(
      `article[aria-labelledby="endpoint-${endpoint.id}"]`,
    );
    return card?.querySelector('sb-webhook-deliveries') ?? null;
  }

  #confirm(): ConfirmDialog {
    return this.renderRoot.querySelector('sb-confirm-dialog') as ConfirmDialog;
  }

  #secret(): WebhookSecretDialog {
    return this.renderRoot.querySelector('sb-webhook-secret-dialog') as WebhookSecretDialog;
  }

  override render() {
    const endpoints = this.endpoints;
    return html`<section aria-labelledby="webhooks-title">
      <div class="toolbar">
        <h2 id="webhooks-title">Webhooks</h2>
        <button class="primary" @click=${() => this.#open(undefined)}>Add endpoint</button>
      </div>
      <p class="muted">Every change in the account — a user added, a number released — can be
        sent to your own app as a signed event. Each endpoint gets the events it subscribes to;
        failed deliveries are retried for more than a day.</p>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')}
      ${
        endpoints === undefined
          ? html`<p class="muted">Loading endpoints…</p>`
          : endpoints.length === 0
            ? html`<p class="muted">No webhook endpoints yet.</p>`
            : html`<div class="endpoints">${endpoints.map((endpoint) =>
                endpointCard(endpoint, {
                  client: this.client,
                  test: (e) => this.#test(e),
                  edit: (e) => this.#open(e),
                  toggle: (e) => this.#toggle(e),
                  rotate: (e) => this.#rotate(e),
                  remove: (e) => this.#delete(e),
                  showDeliveries: (e, show) => this.#showDeliveries(e, show),
                  deliveriesShown: (e) => this.shown.has(e.id),
                  busy: (e) => this.busy[`row:${e.id}`] === true,
                  rowError: (e) => this.formError(`row:${e.id}`),
                }),
              )}</div>`
      }
      ${this.#formDialog()}
      <sb-webhook-secret-dialog></sb-webhook-secret-dialog>
      <sb-confirm-dialog></sb-confirm-dialog>
      <sb-conflict-dialog></sb-conflict-dialog>
    </section>`;
  }

  #formDialog() {
    const editing = this.editing;
    return html`<dialog id="endpoint-dialog" aria-labelledby="endpoint-form-title">
      <h2 id="endpoint-form-title">${editing ? 'Edit endpoint' : 'Add endpoint'}</h2>
      ${keyed(
        this.opened,
        html`<sb-webhook-endpoint-form .endpoint=${editing} .errors=${this.errors.form ?? { fields: {} }}
          ?busy=${this.busy.form} submit-label=${editing ? 'Save' : 'Add endpoint'}
          @sb-webhook-endpoint-submit=${this.#submit} @sb-webhook-endpoint-cancel=${this.#closeForm}></sb-webhook-endpoint-form>`,
      )}
    </dialog>`;
  }
}
