import type { SwitchboardClient } from '@switchboard/client';
import { isSwitchboardApiError } from '@switchboard/client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { consoleStyles } from './console-styles.js';
import { type FormErrors, formErrors, noErrors } from './form-errors.js';

/** Fired (bubbling, composed) when the API says the session is gone; the host signs out. */
export const unauthenticatedEvent = 'sb-unauthenticated';

/**
 * Base of every console element: a `client` property (a `SwitchboardClient` with the
 * user's token), per-form busy flags and errors, and `run()` to call the API with both.
 */
export class ConsoleElement extends LitElement {
  static override styles = [consoleStyles];
  static override properties = {
    client: { attribute: false },
    errors: { state: true },
    busy: { state: true },
  };

  declare client: SwitchboardClient | undefined;
  declare errors: Record<string, FormErrors>;
  declare busy: Record<string, boolean>;

  constructor() {
    super();
    this.client = undefined;
    this.errors = {};
    this.busy = {};
  }

  /** The client, or an error telling the embedding app to set one. */
  protected get api(): SwitchboardClient {
    if (!this.client) throw new Error(`<${this.localName}> needs its client property set`);
    return this.client;
  }

  /**
   * Runs one API action for the form `key`: marks it busy, clears its errors, and on
   * failure places the error on its fields (`codeFields` maps codes to fields). Returns
   * the action's result, or undefined when it failed.
   */
  protected async run<T>(
    key: string,
    action: () => Promise<T>,
    codeFields: Record<string, string> = {},
  ): Promise<T | undefined> {
    this.busy = { ...this.busy, [key]: true };
    this.errors = { ...this.errors, [key]: noErrors };
    try {
      return await action();
    } catch (error) {
      if (isSwitchboardApiError(error, 'unauthenticated')) {
        this.dispatchEvent(
          new CustomEvent(unauthenticatedEvent, { bubbles: true, composed: true }),
        );
      }
      this.errors = { ...this.errors, [key]: formErrors(error, codeFields) };
      return undefined;
    } finally {
      this.busy = { ...this.busy, [key]: false };
    }
  }

  /** Sets an error found before calling the API (say, two passwords that differ). */
  protected setErrors(key: string, errors: FormErrors): void {
    this.errors = { ...this.errors, [key]: errors };
  }

  /** The message of a field of form `key`, if any. */
  protected fieldError(key: string, field: string): string | undefined {
    return this.errors[key]?.fields[field];
  }

  /** The message for a field, rendered next to it (empty when there is none). */
  protected errorFor(key: string, field: string): TemplateResult | typeof nothing {
    const message = this.fieldError(key, field);
    return message
      ? html`<span class="error" role="alert" data-field=${field}>${message}</span>`
      : nothing;
  }

  /** The form-level message of `key`, rendered where the form or action is. */
  protected formError(key: string): TemplateResult | typeof nothing {
    const message = this.errors[key]?.form;
    return message ? html`<p class="error" role="alert">${message}</p>` : nothing;
  }

  /** `"true"` when a field of form `key` has an error, for `aria-invalid`. */
  protected invalid(key: string, field: string): 'true' | 'false' {
    return this.fieldError(key, field) ? 'true' : 'false';
  }

  /** The `<dialog id=…>` in this element's template. */
  protected dialog(id: string): HTMLDialogElement {
    return this.renderRoot.querySelector(`dialog#${id}`) as HTMLDialogElement;
  }

  /** Tells the host something changed (say, the users list), so siblings can reload. */
  protected announce(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }
}

/** The values of a submitted form, as strings (checkboxes: present or not). */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) values[name] = String(value);
  return values;
}

/** A checkmark for an enabled flag, with words for screen readers. */
export function checkmark(on: boolean, label: string): TemplateResult {
  return on
    ? html`<span role="img" aria-label=${`${label}: yes`} title=${label}>✓</span>`
    : html`<span class="muted" aria-label=${`${label}: no`}>–</span>`;
}
