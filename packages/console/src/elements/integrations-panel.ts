import { isSwitchboardApiError } from '@switchboard/client';
import type { Integration, IntegrationCreate, IntegrationServiceInfo } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { integrationConflictFields } from '../shared/conflict-fields.js';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { conflictRows, deleteConflict, editConflict } from '../shared/edit-conflict.js';
import { chosenService, integrationInput } from '../shared/integration-input.js';
import {
  factList,
  integrationField,
  integrationsTable,
  serviceList,
} from '../shared/integration-views.js';
import { SubmissionKey } from '../shared/submission-key.js';
import type { ConfirmDialog } from './confirm-dialog.js';

const addFields = { integration_name_taken: 'name' };

/**
 * `<sb-integrations>`: the account's integrations, for admins. Adds one with the fields of
 * the chosen service, as the server describes them (`GET /v1/integration-services`), so a
 * service the server registers shows up here too. The credentials are checked first; when
 * the check fails the form says whether the service could not be reached or refused them,
 * and offers to add without checking. Edits only name and description (the configuration
 * never changes), tests the connection and deletes after confirming.
 */
export class IntegrationsPanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    integrations: { state: true },
    services: { state: true },
    service: { state: true },
    uncheckedOffered: { state: true },
    editing: { state: true },
    notice: { state: true },
    opened: { state: true },
  };

  declare integrations: Integration[] | undefined;
  /** The services the server offers, in its order. */
  declare services: IntegrationServiceInfo[] | undefined;
  /** The service chosen in the add window; the select and the fields both follow it. */
  declare service: string | undefined;
  /** The last check failed: offer to add without checking. */
  declare uncheckedOffered: boolean;
  declare editing: Integration | undefined;
  declare notice: string;
  /** Counts openings of the edit window, so each one starts from a fresh form. */
  declare opened: number;
  /** The Add window's idempotency key: one integration however often the same form is sent. */
  readonly #addKey = new SubmissionKey();

  constructor() {
    super();
    this.integrations = undefined;
    this.services = undefined;
    this.service = undefined;
    this.uncheckedOffered = false;
    this.editing = undefined;
    this.notice = '';
    this.opened = 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) {
      void this.#load();
      void this.#loadServices();
    }
  }

  async #load() {
    const integrations = await this.load('list', () => this.api.integrations.list());
    if (integrations) this.integrations = integrations;
  }

  async #loadServices() {
    const services = await this.load('services', () => this.api.integrations.services());
    if (services) this.services = services;
  }

  /** The service's name for people, or its id when the server no longer offers it. */
  #label(service: string): string {
    return this.services?.find((info) => info.service === service)?.label ?? service;
  }

  async #openAdd() {
    this.notice = '';
    this.uncheckedOffered = false;
    this.setErrors('add', { fields: {} });
    this.service = chosenService(this.services ?? [], undefined)?.service;
    this.#addKey.reset();
    await this.updateComplete;
    const dialog = this.dialog('add-dialog');
    dialog.querySelector('form')?.reset();
    dialog.showModal();
  }

  async #add(event: SubmitEvent) {
    const values = formValues(event);
    const service = chosenService(this.services ?? [], this.service);
    if (!service) return;
    const verify = (event.submitter as HTMLButtonElement | null)?.value !== 'unchecked';
    // The body is the server's own description of the service; the contract types the built-in ones.
    const input = integrationInput(service, values) as unknown as IntegrationCreate;
    const added = await this.run(
      'add',
      async () => {
        try {
          return await this.#addKey.send({ input, verify }, (idempotencyKey) =>
            this.api.integrations.add(input, { verify, idempotencyKey }),
          );
        } catch (error) {
          this.uncheckedOffered = isSwitchboardApiError(error, 'integration_unreachable');
          throw error;
        }
      },
      addFields,
    );
    if (!added) return;
    this.uncheckedOffered = false;
    this.dialog('add-dialog').close();
    this.notice = verify
      ? `Added ${added.name}; every user of the account can now use it.`
      : `Added ${added.name} without checking its credentials: its status stays “unchecked” until you test the connection.`;
    await this.#load();
  }

  async #openEdit(integration: Integration) {
    this.notice = '';
    this.setErrors('edit', { fields: {} });
    this.editing = integration;
    this.opened += 1;
    await this.updateComplete;
    this.dialog('edit-dialog').showModal();
  }

  async #update(event: Event) {
    const { name = '', description = '' } = formValues(event);
    const opened = this.editing;
    if (!opened) return;
    // Only what the form changed, so a re-applied edit keeps the other field as it is now.
    const patch = {
      ...(name !== opened.name ? { name } : {}),
      ...(description !== opened.description ? { description } : {}),
    };
    const outcome = await this.saveEdit('edit', {
      opened,
      send: (version) => this.api.integrations.update(opened.id, patch, { ifMatch: version }),
      reload: () => this.api.integrations.get(opened.id),
      conflict: (current) =>
        editConflict(
          opened.name,
          conflictRows(integrationConflictFields, opened, current, { ...opened, ...patch }),
        ),
      codeFields: addFields,
    });
    if (!outcome) return;
    this.dialog('edit-dialog').close();
    this.notice =
      'saved' in outcome
        ? `Saved ${outcome.saved.name}.`
        : `Your edit of ${opened.name} was discarded; the list shows it as it is now.`;
    await this.#load();
  }

  async #test(integration: Integration) {
    this.notice = '';
    const result = await this.run(`row:${integration.id}`, () =>
      this.api.integrations.test(integration.id),
    );
    if (!result) return;
    this.notice = result.ok
      ? `${integration.name}: the connection works.`
      : `${integration.name}: the connection failed. ${result.reason ?? 'No reason was given.'}`;
    await this.#load();
  }

  async #delete(integration: Integration) {
    this.notice = '';
    const confirm = this.renderRoot.querySelector('sb-confirm-dialog') as ConfirmDialog;
    const yes = await confirm.ask({
      title: `Delete ${integration.name}?`,
      message: 'Applications that use this integration stop reaching the service.',
      confirmLabel: 'Yes, delete',
    });
    if (!yes) return;
    const outcome = await this.saveEdit(`row:${integration.id}`, {
      opened: integration,
      send: (ifMatch) => this.api.integrations.delete(integration.id, { ifMatch }).then(() => true),
      reload: () => this.api.integrations.get(integration.id),
      conflict: (current) =>
        deleteConflict(
          integration.name,
          conflictRows(integrationConflictFields, integration, current),
        ),
    });
    if (!outcome) return;
    this.notice =
      'saved' in outcome ? `Deleted ${integration.name}.` : `${integration.name} was kept.`;
    await this.#load();
  }

  override render() {
    const integrations = this.integrations;
    return html`<section aria-labelledby="integrations-title">
      <div class="toolbar">
        <h2 id="integrations-title">Integrations</h2>
        <button class="primary" @click=${this.#openAdd} ?disabled=${!this.services?.length}>
          Add Integration</button>
      </div>
      <p class="muted">Integrations connect the account to ${serviceList(this.services)}. Every
        user of the account can use them in applications.</p>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')} ${this.formError('services')}
      ${
        integrations === undefined
          ? html`<p class="muted">Loading integrations…</p>`
          : integrations.length === 0
            ? html`<p class="muted">No integrations yet.</p>`
            : integrationsTable(integrations, {
                label: (service) => this.#label(service),
                edit: (integration) => this.#openEdit(integration),
                test: (integration) => this.#test(integration),
                remove: (integration) => this.#delete(integration),
                busy: (integration) => this.busy[`row:${integration.id}`] === true,
                rowError: (integration) => this.formError(`row:${integration.id}`),
              })
      }
      ${this.#addDialog()} ${this.#editDialog()}
      <sb-confirm-dialog></sb-confirm-dialog>
      <sb-conflict-dialog></sb-conflict-dialog>
    </section>`;
  }

  #addDialog() {
    const key = 'add';
    const service = chosenService(this.services ?? [], this.service);
    const busy = this.busy[key];
    const marks = this.fieldMarks(key);
    return html`<dialog id="add-dialog" aria-labelledby="add-title">
      <form @submit=${this.#add} novalidate>
        <h2 id="add-title">Add Integration</h2>
        <label>Select Service
          <select name="service" .value=${live(service?.service ?? '')} @change=${(
            event: Event,
          ) => {
            this.service = (event.target as HTMLSelectElement).value;
            this.uncheckedOffered = false;
          }}>
            ${(this.services ?? []).map(
              (info) =>
                html`<option value=${info.service} ?selected=${info.service === service?.service}>${info.label}</option>`,
            )}
          </select>
        </label>
        ${integrationField(marks, { name: 'name', label: 'Name', kind: 'text', required: true })}
        ${keyed(
          service?.service,
          html`${(service?.fields ?? []).map((field) => integrationField(marks, field))}`,
        )}
        ${integrationField(marks, { name: 'description', label: 'Description', kind: 'text', required: false })}
        <p class="muted">The configuration cannot be changed once the integration is added.</p>
        ${this.formError(key)}
        ${
          this.uncheckedOffered
            ? html`<p class="muted" id="add-unchecked-hint">You can add it without checking — for a
                service this server cannot reach yet — and test the connection later.</p>`
            : nothing
        }
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('add-dialog').close()}>Cancel</button>
          ${
            this.uncheckedOffered
              ? html`<button type="submit" value="unchecked" ?disabled=${busy}
                  aria-describedby="add-unchecked-hint">Add without checking</button>`
              : nothing
          }
          <button class="primary" type="submit" value="checked" ?disabled=${busy}>${busy ? 'Checking…' : 'Add'}</button>
        </div>
      </form>
    </dialog>`;
  }

  #editDialog() {
    const integration = this.editing;
    const key = 'edit';
    return html`<dialog id="edit-dialog" aria-labelledby="edit-title" @close=${() => {
      this.editing = undefined;
    }}>
      ${keyed(
        this.opened,
        html`<form @submit=${this.#update} novalidate>
        <h2 id="edit-title">Update Integration</h2>
        <label>Name
          <input name="name" .value=${integration?.name ?? ''} aria-invalid=${this.invalid(key, 'name')} />
        </label>
        ${this.errorFor(key, 'name')}
        <label>Description
          <input name="description" .value=${integration?.description ?? ''}
            aria-invalid=${this.invalid(key, 'description')} />
        </label>
        ${this.errorFor(key, 'description')}
        <fieldset aria-label="Configuration">
          <legend>Configuration (cannot be changed)</legend>
          ${
            integration
              ? html`<dl class="facts">
            <dt>Service</dt><dd>${this.#label(integration.service)}</dd>
            ${factList(integration)}
          </dl>`
              : nothing
          }
          <p class="muted">Secrets are stored encrypted and never shown. To use other credentials,
            add a new integration and delete this one.</p>
        </fieldset>
        ${this.formError(key)}
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('edit-dialog').close()}>Cancel</button>
          <button class="primary" ?disabled=${this.busy[key]}>Update</button>
        </div>
      </form>`,
      )}
    </dialog>`;
  }
}
