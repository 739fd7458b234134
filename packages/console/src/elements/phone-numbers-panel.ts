import { isSwitchboardApiError } from '@switchboard/client';
import type {
  PhoneNumber,
  PhoneNumberRequest,
  PhoneNumberUpdate,
  User,
} from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { collect } from '../shared/collect.js';
import { phoneNumberConflictFields } from '../shared/conflict-fields.js';
import { ConsoleElement, checkmark, formValues } from '../shared/console-element.js';
import {
  conflictRows,
  deleteConflict,
  type EditConflict,
  editConflict,
} from '../shared/edit-conflict.js';
import { SubmissionKey } from '../shared/submission-key.js';
import type { ConfirmDialog } from './confirm-dialog.js';

/**
 * `<sb-phone-numbers>`: the account's numbers (admins: all of them, others: their own).
 * Admins change a number's owner and save, delete a number after confirming, and request
 * a toll-free number; a number's owner (or an admin) sets the application deployed on it.
 * Needs `client` and `me`; set `demo` on a demo account (it holds one number at most, so
 * the request button rests while it holds one).
 */
export class PhoneNumbersPanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    me: { attribute: false },
    demo: { type: Boolean },
    numbers: { state: true },
    users: { state: true },
    owners: { state: true },
    notice: { state: true },
  };

  declare me: User | undefined;
  declare demo: boolean;
  declare numbers: PhoneNumber[] | undefined;
  declare users: User[];
  /** Owner chosen in a row's dropdown and not saved yet, by number id. */
  declare owners: Record<string, string>;
  declare notice: string;
  /** The request form's idempotency key: one number however often the same request is sent. */
  readonly #requestKey = new SubmissionKey();

  constructor() {
    super();
    this.me = undefined;
    this.demo = false;
    this.numbers = undefined;
    this.users = [];
    this.owners = {};
    this.notice = '';
  }

  get #isAdmin(): boolean {
    return this.me?.isAdmin === true;
  }

  /** A demo account holding its one number can request no other (P4). */
  get #demoHoldsItsNumber(): boolean {
    return this.demo && (this.numbers?.length ?? 0) >= 1;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('client') || changed.has('me')) && this.client && this.me) void this.#load();
  }

  async #load() {
    const loaded = await this.load('list', async () => {
      const numbers = await collect(this.api.phoneNumbers.list());
      const users = this.#isAdmin ? await collect(this.api.users.list()) : [];
      return { numbers, users };
    });
    if (!loaded) return;
    this.numbers = loaded.numbers;
    this.users = loaded.users;
    this.owners = {};
  }

  #ownerName(id: string): string {
    if (id === this.me?.id) return `${this.me.firstName} ${this.me.lastName}`;
    const owner = this.users.find((user) => user.id === id);
    return owner ? `${owner.firstName} ${owner.lastName}` : '—';
  }

  /** The number as it is now, read again (there is no single-number read). */
  async #current(id: string): Promise<PhoneNumber> {
    const found = (await collect(this.api.phoneNumbers.list())).find((n) => n.id === id);
    if (!found) throw new Error('This number is no longer in the account. Reload the page.');
    return found;
  }

  /**
   * Changes `number` as the list showed it (C1); when someone changed it since, shows what
   * changed and re-applies the change, or drops it and shows the number as it is now.
   */
  async #edit(
    key: string,
    number: PhoneNumber,
    patch: PhoneNumberUpdate,
  ): Promise<PhoneNumber | undefined> {
    const outcome = await this.saveEdit(key, {
      opened: number,
      send: (version) => this.api.phoneNumbers.update(number.id, patch, { ifMatch: version }),
      reload: () => this.#current(number.id),
      conflict: (current) => this.#conflict(editConflict, number, current, { ...number, ...patch }),
    });
    if (outcome && 'discarded' in outcome) this.#replace(outcome.discarded);
    return outcome && 'saved' in outcome ? outcome.saved : undefined;
  }

  #conflict(
    kind: typeof editConflict,
    number: PhoneNumber,
    current: PhoneNumber,
    edited?: PhoneNumber,
  ): EditConflict {
    const fields = phoneNumberConflictFields((id) => this.#ownerName(id));
    return kind(number.number, conflictRows(fields, number, current, edited));
  }

  /** Shows `number` as given (saved, or as it is now) and forgets the row's unsaved owner. */
  #replace(number: PhoneNumber) {
    this.numbers = this.numbers?.map((n) => (n.id === number.id ? number : n));
    const { [number.id]: _, ...rest } = this.owners;
    this.owners = rest;
  }

  async #saveOwner(number: PhoneNumber) {
    const ownerId = this.owners[number.id];
    if (!ownerId) return;
    this.notice = '';
    const saved = await this.#edit(`row:${number.id}`, number, { ownerId });
    if (!saved) return;
    this.#replace(saved);
    this.notice = `${saved.number} now belongs to ${this.#ownerName(saved.ownerId)}.`;
  }

  /** Deploys the application named in the row's field on the number; an empty field clears it. */
  async #deploy(event: Event, number: PhoneNumber) {
    this.notice = '';
    const applicationId = (formValues(event).applicationId ?? '').trim() || null;
    const saved = await this.#edit(`app:${number.id}`, number, { applicationId });
    if (!saved) return;
    this.#replace(saved);
    this.notice = saved.applicationId
      ? `${saved.number} now runs ${saved.applicationId}.`
      : `${saved.number} runs no application now.`;
  }

  async #delete(number: PhoneNumber) {
    this.notice = '';
    const confirm = this.renderRoot.querySelector('sb-confirm-dialog') as ConfirmDialog;
    const yes = await confirm.ask({
      title: `Delete ${number.number}?`,
      message:
        'The number is released and removed from the account. Calls to it stop reaching your applications.',
      confirmLabel: 'Yes, delete',
    });
    if (!yes) return;
    const outcome = await this.saveEdit(`row:${number.id}`, {
      opened: number,
      send: (ifMatch) => this.api.phoneNumbers.release(number.id, { ifMatch }).then(() => true),
      reload: () => this.#current(number.id),
      conflict: (current) => this.#conflict(deleteConflict, number, current),
    });
    if (!outcome) return;
    if ('discarded' in outcome) {
      this.#replace(outcome.discarded);
      this.notice = `${number.number} was kept.`;
      return;
    }
    this.numbers = this.numbers?.filter((n) => n.id !== number.id);
    this.notice = `Deleted ${number.number}.`;
  }

  async #request(event: Event) {
    const { pci } = formValues(event);
    const input: PhoneNumberRequest = { type: 'toll_free', pci: pci !== undefined };
    this.notice = '';
    let stale = false;
    const added = await this.run('request', () =>
      this.#requestKey
        .send(input, (idempotencyKey) => this.api.phoneNumbers.request(input, { idempotencyKey }))
        .catch((error) => {
          stale = isSwitchboardApiError(error, 'demo_number_limit');
          throw error;
        }),
    );
    // Refused for a number this page has not seen (added elsewhere): show it.
    if (stale) await this.#load();
    if (!added) return;
    this.numbers = [...(this.numbers ?? []), added].sort((a, b) =>
      a.number.localeCompare(b.number),
    );
    this.notice = `Added the toll-free number ${added.number}.`;
  }

  override render() {
    return html`<section aria-labelledby="numbers-title">
      <h2 id="numbers-title">Phone Numbers</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')}
      ${this.numbers === undefined ? html`<p class="muted">Loading numbers…</p>` : this.#table(this.numbers)}
      ${this.#isAdmin ? this.#requestForm() : nothing}
      <sb-confirm-dialog></sb-confirm-dialog>
      <sb-conflict-dialog></sb-conflict-dialog>
    </section>`;
  }

  #table(numbers: PhoneNumber[]) {
    if (numbers.length === 0) {
      return html`<p class="muted">
        ${this.#isAdmin ? 'The account has no phone numbers yet.' : 'No phone numbers are assigned to you.'}
      </p>`;
    }
    return html`<div class="table-scroll"><table aria-label="Phone numbers">
      <thead>
        <tr><th>Phone Number</th><th>Owner</th><th class="flag">PCI</th><th>Application</th>
          ${this.#isAdmin ? html`<th class="actions">Actions</th>` : nothing}</tr>
      </thead>
      <tbody>${numbers.map((number) => this.#row(number))}</tbody>
    </table></div>`;
  }

  #row(number: PhoneNumber) {
    const chosen = this.owners[number.id];
    const key = `row:${number.id}`;
    return html`<tr data-number=${number.number}>
      <td>${number.number}</td>
      <td>${
        this.#isAdmin
          ? keyed(
              number.version,
              html`<select aria-label=${`Owner of ${number.number}`}
            @change=${(event: Event) => {
              const ownerId = (event.target as HTMLSelectElement).value;
              this.owners = { ...this.owners, [number.id]: ownerId };
            }}>
            ${this.users.map(
              (
                user,
              ) => html`<option value=${user.id} ?selected=${user.id === (chosen ?? number.ownerId)}>
                ${user.firstName} ${user.lastName}</option>`,
            )}
          </select>`,
            )
          : this.#ownerName(number.ownerId)
      }</td>
      <td class="flag">${checkmark(number.pci, 'PCI')}</td>
      <td>${
        this.#isAdmin || number.ownerId === this.me?.id
          ? this.#deployForm(number)
          : (number.applicationId ?? html`<span class="muted">none</span>`)
      }</td>
      ${
        this.#isAdmin
          ? html`<td class="actions">
            <button class="primary" ?disabled=${!chosen || chosen === number.ownerId || this.busy[key]}
              @click=${() => this.#saveOwner(number)} aria-label=${`Save owner of ${number.number}`}>Save</button>
            <button class="link danger" @click=${() => this.#delete(number)}
              aria-label=${`Delete ${number.number}`}>Delete</button>
            ${this.formError(key)}
          </td>`
          : nothing
      }
    </tr>`;
  }

  #deployForm(number: PhoneNumber) {
    const key = `app:${number.id}`;
    // A new version (saved, or someone else's on a conflict) starts the field from its value.
    return keyed(
      number.version,
      html`<form class="inline" @submit=${(event: Event) => this.#deploy(event, number)}>
        <input name="applicationId" .value=${number.applicationId ?? ''} placeholder="none"
          aria-label=${`Application on ${number.number}`}
          aria-invalid=${this.invalid(key, 'applicationId')} />
        <button ?disabled=${this.busy[key]} aria-label=${`Deploy on ${number.number}`}>Deploy</button>
        ${this.errorFor(key, 'applicationId')}${this.formError(key)}
      </form>`,
    );
  }

  #requestForm() {
    const full = this.#demoHoldsItsNumber;
    return html`<h3>Request a Phone Number</h3>
      <form @submit=${this.#request} aria-label="Request a toll-free number">
        <label class="check"><input type="checkbox" name="pci" ?disabled=${full} /> PCI-enabled (for numbers that take card payments)</label>
        <div><button class="primary" ?disabled=${this.busy.request || full}
          aria-describedby=${this.demo ? 'demo-limit' : nothing}>Request a toll-free number</button></div>
        ${this.formError('request')}
      </form>
      <p class="muted">Requests here are for toll-free numbers. For a local number, a specific or
        vanity number, or a RESPORG change, contact support.</p>
      ${
        this.demo
          ? html`<p class="notice" id="demo-limit">${
              full
                ? 'This is a demo account: it holds its one phone number. Delete it to request another.'
                : 'This is a demo account: it can hold one phone number.'
            }</p>`
          : nothing
      }`;
  }
}
