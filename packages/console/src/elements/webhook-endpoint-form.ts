import type { WebhookEndpoint } from '@switchboard/contract';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { consoleStyles } from '../shared/console-styles.js';
import { type FormErrors, noErrors } from '../shared/form-errors.js';
import type { WebhookEndpointDraft } from '../webhooks/webhook-endpoint-input.js';
import {
  chosenEventTypes,
  type EventTypeChoice,
  eventTypeChoice,
  type WebhookEventArea,
  webhookEventAreas,
} from '../webhooks/webhook-event-types.js';
import { webhookStyles } from './webhook-styles.js';

/** Fired by `<sb-webhook-endpoint-form>` when sent; `detail` is a `WebhookEndpointDraft`. */
export const endpointSubmitEvent = 'sb-webhook-endpoint-submit';
/** Fired by `<sb-webhook-endpoint-form>` on Cancel. */
export const endpointCancelEvent = 'sb-webhook-endpoint-cancel';

/**
 * `<sb-webhook-endpoint-form>`: the fields of a webhook endpoint — URL, the events to send
 * (all, or chosen actions and whole areas, plus any typed by hand) and a description —
 * filled from `endpoint` when editing. It checks that some event is chosen, then fires
 * `sb-webhook-endpoint-submit` with the draft; the host calls the API and sets `errors`
 * (the API's messages, each on its field) and `busy`.
 */
export class WebhookEndpointForm extends LitElement {
  static override styles = [
    consoleStyles,
    webhookStyles,
    css`
      form {
        max-width: none;
      }
      fieldset.events > label.check {
        font-weight: 500;
      }
      .areas {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0.6rem;
        align-items: start;
        max-height: min(20rem, 40vh);
        overflow-y: auto;
        padding: 0.2rem;
      }
      .areas fieldset {
        align-content: start;
      }
      .areas fieldset legend {
        font-weight: 600;
        font-size: 0.9rem;
      }
      .areas label.check {
        font-size: 0.88rem;
        align-items: baseline;
      }
      .areas label.everything {
        font-weight: 500;
      }
      .areas code {
        font-size: 0.78rem;
      }
    `,
  ];
  static override properties = {
    endpoint: { attribute: false },
    errors: { attribute: false },
    busy: { type: Boolean },
    submitLabel: { attribute: 'submit-label' },
    choice: { state: true },
    chooseError: { state: true },
  };

  /** The endpoint edited; undefined to add one. */
  declare endpoint: WebhookEndpoint | undefined;
  declare errors: FormErrors;
  declare busy: boolean;
  declare submitLabel: string;
  declare choice: EventTypeChoice;
  /** Said when the admin chose to pick events and picked none. */
  declare chooseError: string;

  constructor() {
    super();
    this.endpoint = undefined;
    this.errors = noErrors;
    this.busy = false;
    this.submitLabel = 'Save';
    this.choice = eventTypeChoice(['*']);
    this.chooseError = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint')) this.choice = eventTypeChoice(this.endpoint?.eventTypes ?? ['*']);
  }

  #submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const eventTypes = chosenEventTypes(this.choice);
    this.chooseError = eventTypes.length === 0 ? 'Choose at least one event, or All events.' : '';
    if (this.chooseError) return;
    const draft: WebhookEndpointDraft = {
      url: String(data.get('url') ?? '').trim(),
      eventTypes,
      description: String(data.get('description') ?? '').trim(),
    };
    this.dispatchEvent(new CustomEvent(endpointSubmitEvent, { detail: draft }));
  }

  #setAll(all: boolean) {
    this.choice = { ...this.choice, all };
    this.chooseError = '';
  }

  #tick(type: string, on: boolean) {
    const chosen = new Set(this.choice.chosen);
    if (on) chosen.add(type);
    else chosen.delete(type);
    this.choice = { ...this.choice, chosen };
    this.chooseError = '';
  }

  #field(name: string) {
    const message = this.errors.fields[name];
    return {
      invalid: message ? 'true' : 'false',
      error: message
        ? html`<span class="error" role="alert" data-field=${name}>${message}</span>`
        : nothing,
    };
  }

  override render() {
    const endpoint = this.endpoint;
    const url = this.#field('url');
    const types = this.#field('eventTypes');
    const description = this.#field('description');
    return html`<form @submit=${this.#submit} novalidate>
      <label>Endpoint URL
        <input name="url" type="url" inputmode="url" autocomplete="off" spellcheck="false"
          .value=${endpoint?.url ?? ''} placeholder="https://hooks.example.com/switchboard"
          aria-invalid=${url.invalid} aria-describedby="url-help" />
      </label>
      <span class="muted" id="url-help">Each event is sent here as a signed POST (Standard
        Webhooks). It must be an https:// address your receiver answers on, outside this
        server's own network.</span>
      ${url.error}
      <fieldset class="events" aria-invalid=${this.chooseError ? 'true' : types.invalid}>
        <legend>Events to send</legend>
        <label class="check"><input type="radio" name="events" value="all"
          .checked=${this.choice.all} @change=${() => this.#setAll(true)} />
          All events, including kinds added later</label>
        <label class="check"><input type="radio" name="events" value="chosen"
          .checked=${!this.choice.all} @change=${() => this.#setAll(false)} />
          Only the events I choose</label>
        ${this.choice.all ? nothing : this.#chooser()}
        ${
          this.chooseError
            ? html`<span class="error" role="alert" data-field="eventTypes">${this.chooseError}</span>`
            : types.error
        }
      </fieldset>
      <label>Description
        <textarea name="description" rows="2" .value=${endpoint?.description ?? ''}
          placeholder="What receives these events, and who looks after it"
          aria-invalid=${description.invalid}></textarea>
      </label>
      ${description.error}
      ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
      <div class="buttons">
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent(endpointCancelEvent))}>
          Cancel</button>
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? 'Saving…' : this.submitLabel}</button>
      </div>
    </form>`;
  }

  #chooser() {
    return html`<div class="areas" role="group" aria-label="Events">
        ${webhookEventAreas.map((area) => this.#area(area))}
      </div>
      <label>Other event types
        <input name="other" .value=${this.choice.other} spellcheck="false" autocomplete="off"
          placeholder="billing.paid, crm.*" aria-describedby="other-help"
          @input=${(e: Event) => {
            this.choice = { ...this.choice, other: (e.target as HTMLInputElement).value };
          }} />
      </label>
      <span class="muted" id="other-help">Actions (<code>area.verb</code>) or whole areas
        (<code>area.*</code>) not listed above, separated by commas.</span>`;
  }

  #area(area: WebhookEventArea) {
    const whole = `${area.area}.*`;
    const everything = this.choice.chosen.has(whole);
    const box = (type: string, on: boolean, disabled = false) =>
      html`<input type="checkbox" value=${type} .checked=${on} ?disabled=${disabled}
        @change=${(e: Event) => this.#tick(type, (e.target as HTMLInputElement).checked)} />`;
    return html`<fieldset>
      <legend>${area.label}</legend>
      <label class="check everything">${box(whole, everything)}
        <span>${area.everything} <code>${whole}</code></span></label>
      ${area.actions.map(
        (action) => html`<label class="check">
          ${box(action.type, everything || this.choice.chosen.has(action.type), everything)}
          <span>${action.label} <code>${action.type}</code></span></label>`,
      )}
    </fieldset>`;
  }
}
