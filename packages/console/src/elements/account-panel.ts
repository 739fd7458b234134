import type { Account, AccountUpdate } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { ConsoleElement, formValues } from '../shared/console-element.js';

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
  declare account: Account | undefined;
  declare saved: boolean;

  constructor() {
    super();
    this.editable = false;
    this.account = undefined;
    this.saved = false;
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
    const patch: Record<string, string | null> = {};
    for (const [field] of fields) {
      const value = (values[field] ?? '').trim();
      if (value === (this.account?.[field] ?? '')) continue;
      // A cleared optional field is sent as null; the company name is always required.
      patch[field] = value === '' && field !== 'companyName' ? null : value;
    }
    this.saved = false;
    const account = await this.run('account', () =>
      this.api.account.update(patch as AccountUpdate),
    );
    if (!account) return;
    this.account = account;
    this.saved = true;
    this.announce(accountChangedEvent, account);
  }

  override render() {
    const account = this.account;
    if (!account) return html`${this.formError('account')}<p class="muted">Loading…</p>`;
    return html`<form @submit=${this.#save} novalidate aria-labelledby="account-title"
        @input=${() => {
          this.saved = false;
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
      ${this.saved ? html`<p class="success" role="status">Saved.</p>` : nothing}
      ${
        this.editable
          ? html`<div class="buttons">
            <button class="primary" ?disabled=${this.busy.account}>Save</button>
          </div>`
          : html`<p class="muted">Only an admin of the account can change these details.</p>`
      }
    </form>`;
  }
}
