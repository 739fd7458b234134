import type { User } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ConsoleElement, checkmark, formValues } from '../shared/console-element.js';
import { userChanges } from '../shared/user-changes.js';
import { meChangedEvent } from './profile-panel.js';

/** Fired after a user was added, edited or deleted, so owner lists can reload. */
export const usersChangedEvent = 'sb-users-changed';

const pageSize = 50;
const userFields = { email_taken: 'email', two_factor_not_editable: 'twoFactorEnabled' };

/**
 * `<sb-users>`: Manage Users for admins. Lists the account's users (the table appears once
 * there is more than one), adds, edits and deletes them, and sends password-reset and
 * activation emails. Two-factor sign-in is shown, never editable. Needs `client` and `me`.
 */
export class UsersPanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    me: { attribute: false },
    users: { state: true },
    nextCursor: { state: true },
    editing: { state: true },
    deleting: { state: true },
    notice: { state: true },
    opened: { state: true },
    query: { state: true },
  };

  declare me: User | undefined;
  declare users: User[] | undefined;
  declare nextCursor: string | null;
  /** The user in the edit window; null while adding; undefined when it is closed. */
  declare editing: User | null | undefined;
  declare deleting: User | undefined;
  declare notice: string;
  /** Counts openings of the user window, so each one starts from a fresh form. */
  declare opened: number;
  /** The search box: a prefix of first name, last name or email. */
  declare query: string;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Numbers list loads, so an answer overtaken by a newer search is dropped. */
  #listLoads = 0;

  constructor() {
    super();
    this.me = undefined;
    this.users = undefined;
    this.nextCursor = null;
    this.editing = undefined;
    this.deleting = undefined;
    this.notice = '';
    this.opened = 0;
    this.query = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.reload();
  }

  /** Loads the first page again. */
  async reload(): Promise<void> {
    const q = this.query || undefined;
    const load = ++this.#listLoads;
    const page = await this.load('list', () => this.api.users.page({ limit: pageSize, q }));
    if (!page || load !== this.#listLoads) return;
    this.users = page.data;
    this.nextCursor = page.nextCursor;
  }

  #search(event: Event) {
    this.query = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.reload(), 250);
  }

  async #more() {
    const cursor = this.nextCursor ?? undefined;
    const q = this.query || undefined;
    const load = ++this.#listLoads;
    const page = await this.load('list', () => this.api.users.page({ limit: pageSize, cursor, q }));
    if (!page || load !== this.#listLoads) return;
    this.users = [...(this.users ?? []), ...page.data];
    this.nextCursor = page.nextCursor;
  }

  async #open(user: User | null) {
    this.notice = '';
    this.setErrors('userForm', { fields: {} });
    this.editing = user;
    this.opened += 1;
    await this.updateComplete;
    const dialog = this.dialog('user-dialog');
    dialog.showModal();
  }

  async #save(event: Event) {
    const values = formValues(event);
    const input = {
      firstName: values.firstName ?? '',
      lastName: values.lastName ?? '',
      email: values.email ?? '',
      isAdmin: values.isAdmin === 'yes',
      permissions: { canCreate: 'canCreate' in values, canShare: 'canShare' in values },
    };
    const editing = this.editing;
    const saved = await this.run(
      'userForm',
      () =>
        editing
          ? this.api.users.update(editing.id, userChanges(editing, input))
          : this.api.users.add(input),
      userFields,
    );
    if (!saved) return;
    this.dialog('user-dialog').close();
    this.editing = undefined;
    this.notice = editing
      ? `Saved ${saved.firstName} ${saved.lastName}.`
      : `Added ${saved.firstName} ${saved.lastName}; an activation email is on its way to ${saved.email}.`;
    // Your own admin flag or names changed: the console around you follows.
    if (saved.id === this.me?.id) this.announce(meChangedEvent, saved);
    await this.reload();
    this.announce(usersChangedEvent);
  }

  async #askDelete(user: User) {
    this.notice = '';
    this.setErrors('delete', { fields: {} });
    this.deleting = user;
    await this.updateComplete;
    this.dialog('delete-dialog').showModal();
  }

  async #delete(event: Event) {
    const { reassignTo } = formValues(event);
    const user = this.deleting;
    if (!user) return;
    const options = reassignTo ? { reassignTo } : {};
    const deleted = await this.run('delete', () =>
      this.api.users.delete(user.id, options).then(() => true),
    );
    if (!deleted) return;
    this.dialog('delete-dialog').close();
    this.deleting = undefined;
    // Gone from the table as the notice says so, not only once the list has reloaded.
    this.users = this.users?.filter((other) => other.id !== user.id);
    this.notice = `Deleted ${user.firstName} ${user.lastName}.`;
    await this.reload();
    this.announce(usersChangedEvent);
  }

  async #email(user: User, kind: 'reset' | 'activation') {
    this.notice = '';
    const sent = await this.run(`row:${user.id}`, () =>
      (kind === 'reset'
        ? this.api.users.sendPasswordReset(user.id)
        : this.api.users.resendActivation(user.id)
      ).then(() => true),
    );
    if (sent) {
      this.notice =
        kind === 'reset'
          ? `A password-reset email is on its way to ${user.email}.`
          : `A new activation email is on its way to ${user.email}.`;
    }
  }

  override render() {
    const users = this.users;
    return html`<section aria-labelledby="users-title">
      <div class="toolbar">
        <h2 id="users-title">Manage Users</h2>
        <div class="buttons">
          <input type="search" aria-label="Search users" placeholder="Search by name or email"
            @input=${this.#search} />
          <button class="primary" @click=${() => this.#open(null)}>Add User</button>
        </div>
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')}
      ${users === undefined ? html`<p class="muted">Loading users…</p>` : this.#table(users)}
      ${
        this.nextCursor
          ? html`<p><button @click=${this.#more} ?disabled=${this.busy.list}>Show more users</button></p>`
          : nothing
      }
      ${this.#userDialog()} ${this.#deleteDialog()}
    </section>`;
  }

  #table(users: User[]) {
    if (this.query && users.length === 0) {
      return html`<p class="muted">No user's name or email starts with “${this.query}”.</p>`;
    }
    if (users.length <= 1 && !this.nextCursor && !this.query) {
      return html`<p class="muted">
        You are the only user of this account so far. Add users to share the account with your
        team; each one gets an email to activate their login.
      </p>`;
    }
    return html`<div class="table-scroll"><table aria-label="Users">
      <thead>
        <tr>
          <th>Name</th><th>Email</th><th class="flag">Admin</th><th class="flag">Can create</th>
          <th class="flag">Can share</th><th class="flag">2FA</th><th class="actions">Actions</th>
        </tr>
      </thead>
      <tbody>
        ${users.map((user) => this.#row(user))}
      </tbody>
    </table></div>`;
  }

  #row(user: User) {
    const name = `${user.firstName} ${user.lastName}`;
    const isMe = user.id === this.me?.id;
    return html`<tr data-user=${user.email}>
      <td>${name} ${user.status === 'pending' ? html`<span class="badge">pending</span>` : nothing}</td>
      <td>${user.email}</td>
      <td class="flag">${checkmark(user.isAdmin, 'Admin')}</td>
      <td class="flag">${checkmark(user.permissions.canCreate, 'Can create')}</td>
      <td class="flag">${checkmark(user.permissions.canShare, 'Can share')}</td>
      <td class="flag">${checkmark(user.twoFactorEnabled, 'Two-factor')}</td>
      <td class="actions">
        <button class="link" @click=${() => this.#open(user)} aria-label=${`Edit ${name}`}>Edit</button>
        ${
          user.status === 'pending'
            ? html`<button class="link" @click=${() => this.#email(user, 'activation')}
              aria-label=${`Resend activation to ${name}`}>Resend activation</button>`
            : html`<button class="link" @click=${() => this.#email(user, 'reset')}
              aria-label=${`Reset password of ${name}`}>Reset password</button>`
        }
        ${
          isMe
            ? nothing
            : html`<button class="link danger" @click=${() => this.#askDelete(user)}
              aria-label=${`Delete ${name}`}>Delete</button>`
        }
        ${this.formError(`row:${user.id}`)}
      </td>
    </tr>`;
  }

  #userDialog() {
    const user = this.editing ?? undefined;
    const adding = this.editing === null;
    const key = 'userForm';
    return html`<dialog id="user-dialog" aria-labelledby="user-dialog-title"
        @close=${() => {
          this.editing = undefined;
        }}>
      ${keyed(
        this.opened,
        html`<form @submit=${this.#save} novalidate>
        <h2 id="user-dialog-title">${adding ? 'Add New User' : 'Edit User'}</h2>
        <label>First Name
          <input name="firstName" required .value=${user?.firstName ?? ''}
            aria-invalid=${this.invalid(key, 'firstName')} />
        </label>
        ${this.errorFor(key, 'firstName')}
        <label>Last Name
          <input name="lastName" required .value=${user?.lastName ?? ''}
            aria-invalid=${this.invalid(key, 'lastName')} />
        </label>
        ${this.errorFor(key, 'lastName')}
        <label>Email Address
          <input name="email" type="email" required .value=${user?.email ?? ''}
            aria-invalid=${this.invalid(key, 'email')} />
        </label>
        ${this.errorFor(key, 'email')}
        <label>Account Admin
          <select name="isAdmin" .value=${user?.isAdmin ? 'yes' : 'no'}
            aria-invalid=${this.invalid(key, 'isAdmin')}>
            <option value="no">No</option>
            <option value="yes">Yes</option>
          </select>
        </label>
        ${this.errorFor(key, 'isAdmin')}
        <fieldset>
          <legend>Permissions</legend>
          <label class="check"><input type="checkbox" name="canCreate"
            .checked=${user?.permissions.canCreate ?? false} /> Can Create</label>
          <label class="check"><input type="checkbox" name="canShare"
            .checked=${user?.permissions.canShare ?? false} /> Can Share</label>
          ${this.errorFor(key, 'permissions')}
        </fieldset>
        ${
          adding
            ? nothing
            : html`<label class="check"><input type="checkbox" disabled
                .checked=${user?.twoFactorEnabled ?? false} /> Two-factor sign-in</label>
              <p class="muted">Only ${user?.firstName ?? 'the user'} can turn two-factor sign-in on or off.</p>`
        }
        ${this.formError(key)}
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('user-dialog').close()}>Cancel</button>
          <button class="primary" ?disabled=${this.busy[key]}>${adding ? 'Add' : 'Update'}</button>
        </div>
      </form>`,
      )}
    </dialog>`;
  }

  #deleteDialog() {
    const user = this.deleting;
    const others = (this.users ?? []).filter((other) => other.id !== user?.id);
    return html`<dialog id="delete-dialog" aria-labelledby="delete-dialog-title"
        @close=${() => {
          this.deleting = undefined;
        }}>
      <form @submit=${this.#delete}>
        <h2 id="delete-dialog-title">Delete ${user?.firstName} ${user?.lastName}?</h2>
        <p>They lose access at once. Their phone numbers pass to the user you choose.</p>
        <label>Phone numbers go to
          <select name="reassignTo">
            ${others.map(
              (other) => html`<option value=${other.id} ?selected=${other.id === this.me?.id}>
                ${other.firstName} ${other.lastName}</option>`,
            )}
          </select>
        </label>
        ${this.formError('delete')}
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('delete-dialog').close()}>Cancel</button>
          <button class="primary danger" ?disabled=${this.busy.delete}>Yes, delete</button>
        </div>
      </form>
    </dialog>`;
  }
}
