import type { Account, AccountUpdate } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { accountConflictFields } from '../shared/conflict-fields.js';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { conflictRows, editConflict } from '../shared/edit-conflict.js';

/** Fired with the account after an admin saved its details. */
export const accountChangedEvent = 'sb-account-changed';

const fields = [
  ['companyName', 'Company Name', 'organization'],
  ['address', 'Address', 'street-address'],
  ['city', 'City', 'address-level2'],
  ['state', 'State', 'address-level1'],
  ['zip', 'Zip', 'postal-code'],
  ['phoneNumber', 'Phone Number', 'tel'],
] as const;

/**
 * `<sb-account-info>`: the company's details. Admins edit and save them; everyone else
 * reads them. Needs `client`; set `editable` for admins.
 */
export class AccountPanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    editable: { type: Boolean },
    account: { state: true },
    saved: { state: true },
  };

  declare editable: boolean;
  /** The account as the form shows it: its version is the one a save changes (C1). */
  declare account: Account | undefined;
  /** What the last save did: saved, or the edit was discarded for the current details. */
  declare saved: 'saved' | 'discarded' | undefined;

  constructor() {
    super();
    this.editable = false;
    this.account = undefined;
    this.saved = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.#load();
  }

  async #load() {
    const account = await this.load('account', () => this.api.account.get());
    if (account) this.account = account;
  }

  async #save(event: Event) {
    const values = formValues(event);
    const opened = this.account;
    if (!opened) return;
    const patch: Record<string, string | null> = {};
    for (const [field] of fields) {
      const value = (values[field] ?? '').trim();
      if (value === (opened[field] ?? '')) continue;
      // A cleared optional field is sent as null; the company name is always required.
      patch[field] = value === '' && field !== 'companyName' ? null : value;
    }
    this.saved = undefined;
    const outcome = await this.saveEdit('account', {
      opened,
      send: (version) => this.api.account.update(patch as AccountUpdate, { ifMatch: version }),
      reload: () => this.api.account.get(),
      conflict: (current) =>
        editConflict(
          'The account',
          conflictRows(accountConflictFields, opened, current, { ...opened, ...patch }),
        ),
    });
    if (!outcome) return;
    const account = 'saved' in outcome ? outcome.saved : outcome.discarded;
    this.account = account;
    this.saved = 'saved' in outcome ? 'saved' : 'discarded';
    this.announce(accountChangedEvent, account);
  }

  override render() {
    const account = this.account;
    if (!account) return html`${this.formError('account')}<p class="muted">Loading…</p>`;
    // A new version (saved, or someone else's on a conflict) starts the form from its values.
    return html`${keyed(
      account.version,
      html`<form @submit=${this.#save} novalidate aria-labelledby="account-title"
        @input=${() => {
          this.saved = undefined;
        }}>
      <h2 id="account-title">Account Information
        ${account.demo ? html`<span class="badge">demo account</span>` : nothing}</h2>
      ${fields.map(
        ([field, label, autocomplete]) => html`<label>${label}
          <input name=${field} autocomplete=${autocomplete} ?disabled=${!this.editable}
            .value=${account[field] ?? ''} aria-invalid=${this.invalid('account', field)} />
        </label>
        ${this.errorFor('account', field)}`,
      )}
      ${this.formError('account')}
      ${this.#savedMessage()}
      ${
        this.editable
          ? html`<div class="buttons">
            <button class="primary" ?disabled=${this.busy.account}>Save</button>
          </div>`
          : html`<p class="muted">Only an admin of the account can change these details.</p>`
      }
    </form>`,
    )}<sb-conflict-dialog></sb-conflict-dialog>`;
  }

  #savedMessage() {
    if (this.saved === 'saved') return html`<p class="success" role="status">Saved.</p>`;
    if (this.saved === 'discarded') {
      return html`<p class="notice" role="status">Your edit was discarded. The form shows the
        account's details as they are now.</p>`;
    }
    return nothing;
  }
}
