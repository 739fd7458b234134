import { awsRegions, type Integration, type IntegrationService } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { integrationInput } from '../shared/integration-input.js';
import type { ConfirmDialog } from './confirm-dialog.js';

const serviceNames: Record<IntegrationService, string> = {
  dialogflow: 'Google Dialogflow',
  dynamodb: 'Amazon DynamoDB',
  s3: 'Amazon S3 (call recordings)',
};
const addFields = { integration_name_taken: 'name' };

/**
 * `<sb-integrations>`: the account's integrations, for admins. Adds one with the fields of
 * the chosen service (the credentials are checked first), edits only name and description
 * (the configuration never changes), tests the connection and deletes after confirming.
 */
export class IntegrationsPanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    integrations: { state: true },
    service: { state: true },
    editing: { state: true },
    notice: { state: true },
    opened: { state: true },
  };

  declare integrations: Integration[] | undefined;
  /** The service chosen in the add window. */
  declare service: IntegrationService;
  declare editing: Integration | undefined;
  declare notice: string;
  /** Counts openings of the edit window, so each one starts from a fresh form. */
  declare opened: number;

  constructor() {
    super();
    this.integrations = undefined;
    this.service = 's3';
    this.editing = undefined;
    this.notice = '';
    this.opened = 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.#load();
  }

  async #load() {
    const integrations = await this.run('list', () => this.api.integrations.list());
    if (integrations) this.integrations = integrations;
  }

  async #openAdd() {
    this.notice = '';
    this.setErrors('add', { fields: {} });
    await this.updateComplete;
    const dialog = this.dialog('add-dialog');
    dialog.querySelector('form')?.reset();
    this.service = 's3';
    dialog.showModal();
  }

  async #add(event: Event) {
    const values = formValues(event);
    const input = integrationInput(this.service, values);
    const added = await this.run('add', () => this.api.integrations.add(input), addFields);
    if (!added) return;
    this.dialog('add-dialog').close();
    this.notice = `Added ${added.name}; every user of the account can now use it.`;
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
    const editing = this.editing;
    if (!editing) return;
    const updated = await this.run(
      'edit',
      () => this.api.integrations.update(editing.id, { name, description }),
      addFields,
    );
    if (!updated) return;
    this.dialog('edit-dialog').close();
    this.notice = `Saved ${updated.name}.`;
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
      : `${integration.name}: the connection failed — ${result.reason ?? 'no reason given'}.`;
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
    const deleted = await this.run(`row:${integration.id}`, () =>
      this.api.integrations.delete(integration.id).then(() => true),
    );
    if (!deleted) return;
    this.notice = `Deleted ${integration.name}.`;
    await this.#load();
  }

  override render() {
    const integrations = this.integrations;
    return html`<section aria-labelledby="integrations-title">
      <div class="toolbar">
        <h2 id="integrations-title">Integrations</h2>
        <button class="primary" @click=${this.#openAdd}>Add Integration</button>
      </div>
      <p class="muted">Integrations connect the account to Google Dialogflow, Amazon DynamoDB and
        Amazon S3. Every user of the account can use them in applications.</p>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')}
      ${
        integrations === undefined
          ? html`<p class="muted">Loading integrations…</p>`
          : integrations.length === 0
            ? html`<p class="muted">No integrations yet.</p>`
            : this.#table(integrations)
      }
      ${this.#addDialog()} ${this.#editDialog()}
      <sb-confirm-dialog></sb-confirm-dialog>
    </section>`;
  }

  #table(integrations: Integration[]) {
    return html`<table aria-label="Integrations">
      <thead>
        <tr><th>Name</th><th>Service</th><th>Details</th><th>Status</th><th>Description</th>
          <th><span class="muted">Actions</span></th></tr>
      </thead>
      <tbody>
        ${integrations.map(
          (integration) => html`<tr data-integration=${integration.name}>
            <td>${integration.name}</td>
            <td>${serviceNames[integration.service]}</td>
            <td>${details(integration)}</td>
            <td>${status(integration)}</td>
            <td>${integration.description}</td>
            <td class="actions">
              <button class="link" @click=${() => this.#openEdit(integration)}
                aria-label=${`Edit ${integration.name}`}>Edit</button>
              <button class="link" @click=${() => this.#test(integration)}
                ?disabled=${this.busy[`row:${integration.id}`]}
                aria-label=${`Test ${integration.name}`}>Test connection</button>
              <button class="link danger" @click=${() => this.#delete(integration)}
                aria-label=${`Delete ${integration.name}`}>Delete</button>
              ${this.formError(`row:${integration.id}`)}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #addDialog() {
    const key = 'add';
    const field = (name: string, label: string, input: unknown) =>
      html`<label>${label} ${input}</label>${this.errorFor(key, name)}`;
    const text = (name: string, type = 'text') =>
      html`<input name=${name} type=${type} autocomplete="off" aria-invalid=${this.invalid(key, name)} />`;
    const aws = this.service !== 'dialogflow';
    return html`<dialog id="add-dialog" aria-labelledby="add-title">
      <form @submit=${this.#add} novalidate>
        <h2 id="add-title">Add Integration</h2>
        <label>Select Service
          <select name="service" .value=${live(this.service)} @change=${(event: Event) => {
            this.service = (event.target as HTMLSelectElement).value as IntegrationService;
          }}>
            ${Object.entries(serviceNames).map(
              ([value, label]) => html`<option value=${value}>${label}</option>`,
            )}
          </select>
        </label>
        ${field('name', 'Name', text('name'))}
        ${
          aws
            ? html`${field('key', 'Key (access key ID)', text('key'))}
              ${field('secret', 'Secret (secret access key)', text('secret', 'password'))}
              ${
                this.service === 'dynamodb'
                  ? field(
                      'region',
                      'Select Region',
                      html`<select name="region" aria-invalid=${this.invalid(key, 'region')}>
                      ${awsRegions.map((region) => html`<option>${region}</option>`)}
                    </select>`,
                    )
                  : nothing
              }
              ${field('endpoint', 'Endpoint (optional: an S3-compatible store or DynamoDB Local)', text('endpoint', 'url'))}`
            : field(
                'config',
                'Config (the service-account key JSON)',
                html`<textarea name="config" rows="6" spellcheck="false"
                aria-invalid=${this.invalid(key, 'config')}></textarea>`,
              )
        }
        ${field('description', 'Description', text('description'))}
        <p class="muted">The configuration cannot be changed once the integration is added.</p>
        ${this.formError(key)}
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('add-dialog').close()}>Cancel</button>
          <button class="primary" ?disabled=${this.busy[key]}>${this.busy[key] ? 'Checking…' : 'Add'}</button>
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
            <dt>Service</dt><dd>${serviceNames[integration.service]}</dd>
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

function facts(integration: Integration): [string, string][] {
  const d = integration.details;
  if ('projectId' in d)
    return [
      ['Project', d.projectId],
      ['Client email', d.clientEmail],
    ];
  const list: [string, string][] = [['Key', d.keyHint]];
  if (d.region) list.push(['Region', d.region]);
  if (d.endpoint) list.push(['Endpoint', d.endpoint]);
  return list;
}

function factList(integration: Integration) {
  return facts(integration).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`);
}

function details(integration: Integration) {
  return facts(integration).map(
    ([label, value]) => html`<div><span class="muted">${label}:</span> ${value}</div>`,
  );
}

function status(integration: Integration) {
  const { state, checkedAt, reason } = integration.status;
  const label = { ok: 'working', failing: 'failing', unchecked: 'not checked' }[state];
  const when = checkedAt ? new Date(checkedAt).toLocaleString() : '';
  return html`<span class="badge ${state}" title=${reason ?? when}>${label}</span>`;
}
