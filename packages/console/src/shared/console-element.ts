import type { SwitchboardClient } from '@switchboard/client';
import { isSwitchboardApiError } from '@switchboard/client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { consoleStyles } from './console-styles.js';
import { type FormErrors, formErrors, noErrors, staleMessagesCleared } from './form-errors.js';

/** Fired (bubbling, composed) when the API says the session is gone; the host signs out. */
export const unauthenticatedEvent = 'sb-unauthenticated';

/**
 * Base of every console element: a `client` property (a `SwitchboardClient` with the
 * user's token), per-form busy flags and errors, `run()` for the user's actions and
 * `load()` for what a view shows, both calling the API with those flags and errors.
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
  /** When each form's errors were shown, on the clock `#tick()` advances. */
  #shownAt: Record<string, number> = {};
  #clock = 0;

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
   * failure places the error on its fields (`codeFields` maps codes to fields). On success
   * the messages of earlier failed actions leave the screen (their fields' messages stay).
   * Returns the action's result, or undefined when it failed.
   */
  protected run<T>(
    key: string,
    action: () => Promise<T>,
    codeFields: Record<string, string> = {},
  ): Promise<T | undefined> {
    return this.#perform(key, action, codeFields, true);
  }

  /**
   * Loads what a view shows (a list, say) like `run()`, except that its success is no
   * action of the user's: the messages of earlier actions stay on screen.
   */
  protected load<T>(key: string, action: () => Promise<T>): Promise<T | undefined> {
    return this.#perform(key, action, {}, false);
  }

  #tick(): number {
    this.#clock += 1;
    return this.#clock;
  }

  async #perform<T>(
    key: string,
    action: () => Promise<T>,
    codeFields: Record<string, string>,
    clearsStaleMessages: boolean,
  ): Promise<T | undefined> {
    const startedAt = this.#tick();
    this.busy = { ...this.busy, [key]: true };
    this.errors = { ...this.errors, [key]: noErrors };
    try {
      const result = await action();
      if (clearsStaleMessages) {
        this.errors = staleMessagesCleared(this.errors, this.#shownAt, startedAt);
      }
      return result;
    } catch (error) {
      if (isSwitchboardApiError(error, 'unauthenticated')) {
        this.dispatchEvent(
          new CustomEvent(unauthenticatedEvent, { bubbles: true, composed: true }),
        );
      }
      this.setErrors(key, formErrors(error, codeFields));
      return undefined;
    } finally {
      this.busy = { ...this.busy, [key]: false };
    }
  }

  /** Sets an error found before calling the API (say, two passwords that differ). */
  protected setErrors(key: string, errors: FormErrors): void {
    this.#shownAt[key] = this.#tick();
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
