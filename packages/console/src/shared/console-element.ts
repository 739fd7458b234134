import type { SwitchboardClient } from '@switchboard/client';
import { isSwitchboardApiError } from '@switchboard/client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { ConflictDialog } from '../elements/conflict-dialog.js';
import { consoleStyles } from './console-styles.js';
import type { EditConflict } from './edit-conflict.js';
import { type FormErrors, formErrors, noErrors, staleMessagesCleared } from './form-errors.js';

/** Fired (bubbling, composed) when the API says the session is gone; the host signs out. */
export const unauthenticatedEvent = 'sb-unauthenticated';

/** An edit of one versioned record (C1), for `ConsoleElement.saveEdit()`. */
export interface VersionedEdit<R extends { version: number }, T> {
  /** The record as the form was opened with it (or the list row showed it). */
  opened: R;
  /** Sends the edit, changing only `version` of the record (`ifMatch: version`). */
  send: (version: number) => Promise<T>;
  /** Reads the record as it is now. */
  reload: () => Promise<R>;
  /** What the conflict window says, given the record as it is now. */
  conflict: (current: R) => EditConflict;
  codeFields?: Record<string, string>;
}

/** How an edit ended: saved, dropped for the record as it is now, or failed (errors shown). */
export type EditOutcome<R, T> = { saved: T } | { discarded: R } | undefined;

/** How the fields of one form show their errors, for templates written outside the element. */
export interface FieldMarks {
  /** `"true"` when the field has an error, for `aria-invalid`. */
  invalid(field: string): 'true' | 'false';
  /** The field's message, rendered next to it (empty when there is none). */
  error(field: string): TemplateResult | typeof nothing;
}

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
   * Returns the action's result, or undefined when it failed. While an action of `key` is
   * running another is not started (a double click sends once) and gives undefined.
   */
  protected run<T>(
    key: string,
    action: () => Promise<T>,
    codeFields: Record<string, string> = {},
  ): Promise<T | undefined> {
    if (this.busy[key]) return Promise.resolve(undefined);
    return this.#perform(key, action, codeFields, true);
  }

  /**
   * Saves an edit of a versioned record as `run(key, …)` does, naming the version it was
   * opened with (C1), so it never overwrites what someone else saved meanwhile. When the
   * record changed since, it reads the record again and asks the admin in this element's
   * `<sb-conflict-dialog>`: apply the edit to the current version (asked again if that one
   * changes too), or discard it, which gives the current record to show.
   */
  protected async saveEdit<R extends { version: number }, T>(
    key: string,
    edit: VersionedEdit<R, T>,
  ): Promise<EditOutcome<R, T>> {
    let version = edit.opened.version;
    for (;;) {
      let changed = false;
      const saved = await this.run(
        key,
        () =>
          edit.send(version).catch((error: unknown) => {
            changed = isSwitchboardApiError(error, 'precondition_failed');
            throw error;
          }),
        edit.codeFields,
      );
      if (saved !== undefined) return { saved };
      if (!changed) return undefined;
      const current = await this.run(key, edit.reload);
      if (!current) return undefined;
      const dialog = this.renderRoot.querySelector('sb-conflict-dialog') as ConflictDialog;
      if (!(await dialog.ask(edit.conflict(current)))) return { discarded: current };
      version = current.version;
    }
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

  /** The error marks of form `key`'s fields. */
  protected fieldMarks(key: string): FieldMarks {
    return {
      invalid: (field) => this.invalid(key, field),
      error: (field) => this.errorFor(key, field),
    };
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
