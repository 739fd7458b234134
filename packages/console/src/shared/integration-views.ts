import type {
  Integration,
  IntegrationFormField,
  IntegrationServiceInfo,
} from '@switchboard/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldMarks } from './console-element.js';
import { detailFacts } from './integration-input.js';

/** An integration's non-secret details as the rows of a `<dl class="facts">`. */
export function factList(integration: Integration) {
  return detailFacts(integration.details).map(
    ([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`,
  );
}

/** An integration's non-secret details, one line each, for a table cell. */
export function details(integration: Integration) {
  return detailFacts(integration.details).map(
    ([label, value]) => html`<div><span class="muted">${label}:</span> ${value}</div>`,
  );
}

/** The status badge, with the reason of a failure under it. */
export function status(integration: Integration) {
  const { state, checkedAt, reason } = integration.status;
  const label = { ok: 'working', failing: 'failing', unchecked: 'unchecked' }[state];
  const when = checkedAt ? `Checked ${new Date(checkedAt).toLocaleString()}` : '';
  const title =
    state === 'unchecked'
      ? 'Added without checking the credentials: use Test connection'
      : [reason, when].filter(Boolean).join(' — ');
  return html`<span class="badge ${state}" title=${title}>${label}</span>${
    state === 'failing' && reason ? html`<div class="muted">${reason}</div>` : nothing
  }`;
}

/** "Google Dialogflow, Amazon DynamoDB and Amazon S3 (call recordings)". */
export function serviceList(services: IntegrationServiceInfo[] | undefined): string {
  const labels = (services ?? []).map((service) => service.label);
  if (labels.length <= 1) return labels[0] ?? 'third-party services';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** What a row of the integrations table does and shows beside the integration itself. */
export interface IntegrationRowActions {
  /** The service's name for people. */
  label(service: string): string;
  edit(integration: Integration): void;
  test(integration: Integration): void;
  remove(integration: Integration): void;
  /** True while the row's test or delete runs. */
  busy(integration: Integration): boolean;
  rowError(integration: Integration): TemplateResult | typeof nothing;
}

/**
 * The table of Integrations: name, service, details, status and description, with each
 * row's Edit, Test connection and Delete buttons.
 *
 * @example integrationsTable(integrations, { label, edit, test, remove, busy, rowError })
 */
export function integrationsTable(
  integrations: readonly Integration[],
  actions: IntegrationRowActions,
): TemplateResult {
  return html`<div class="table-scroll"><table aria-label="Integrations">
      <thead>
        <tr><th>Name</th><th>Service</th><th>Details</th><th>Status</th><th>Description</th>
          <th class="actions">Actions</th></tr>
      </thead>
      <tbody>
        ${integrations.map(
          (integration) => html`<tr data-integration=${integration.name}>
            <td>${integration.name}</td>
            <td>${actions.label(integration.service)}</td>
            <td>${details(integration)}</td>
            <td>${status(integration)}</td>
            <td>${integration.description}</td>
            <td class="actions">
              <button class="link" @click=${() => actions.edit(integration)}
                aria-label=${`Edit ${integration.name}`}>Edit</button>
              <button class="link" @click=${() => actions.test(integration)}
                ?disabled=${actions.busy(integration)}
                aria-label=${`Test ${integration.name}`}>Test connection</button>
              <button class="link danger" @click=${() => actions.remove(integration)}
                aria-label=${`Delete ${integration.name}`}>Delete</button>
              ${actions.rowError(integration)}
            </td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
}

/**
 * One field of the Add Integration form, drawn from the server's description of it.
 *
 * @example integrationField(this.fieldMarks('add'), { name: 'name', label: 'Name', kind: 'text', required: true })
 */
export function integrationField(marks: FieldMarks, field: IntegrationFormField): TemplateResult {
  const { name, label, kind, required, placeholder, help } = field;
  const invalid = marks.invalid(name);
  const describedBy = help ? `add-help-${name}` : nothing;
  const control =
    kind === 'json'
      ? html`<textarea name=${name} rows="6" spellcheck="false" ?required=${required}
          placeholder=${placeholder ?? nothing} aria-invalid=${invalid}
          aria-describedby=${describedBy}></textarea>`
      : kind === 'select'
        ? html`<select name=${name} ?required=${required} aria-invalid=${invalid}
            aria-describedby=${describedBy}>
            ${(field.options ?? []).map((option) => html`<option>${option}</option>`)}
          </select>`
        : html`<input name=${name} type=${kind === 'secret' ? 'password' : 'text'}
            autocomplete="off" ?required=${required} placeholder=${placeholder ?? nothing}
            aria-invalid=${invalid} aria-describedby=${describedBy} />`;
  return html`<label>${label} ${control}</label>
    ${help ? html`<span class="muted" id=${describedBy}>${help}</span>` : nothing}
    ${marks.error(name)}`;
}
