import type { User } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { userConflictFields } from '../shared/conflict-fields.js';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { conflictRows, deleteConflict, editConflict } from '../shared/edit-conflict.js';
import { SubmissionKey } from '../shared/submission-key.js';
import { type UserFormInput, userChanges, withChanges } from '../shared/user-changes.js';
import { meChangedEvent } from './profile-panel.js';
import { userFormFields } from './user-form-fields.js';
import { usersTable } from './users-table.js';

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
  /** The Add window's idempotency key: one user however often the same form is sent. */
  readonly #addKey = new SubmissionKey();

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
    this.#addKey.reset();
    await this.updateComplete;
    const dialog = this.dialog('user-dialog');
    dialog.showModal();
  }

  async #save(event: Event) {
    const values = formValues(event);
    const input: UserFormInput = {
      firstName: values.firstName ?? '',
      lastName: values.lastName ?? '',
      email: values.email ?? '',
      isAdmin: values.isAdmin === 'yes',
      permissions: { canCreate: 'canCreate' in values, canShare: 'canShare' in values },
    };
    const editing = this.editing;
    const saved = editing
      ? await this.#update(editing, input)
      : await this.run(
          'userForm',
          () =>
            this.#addKey.send(input, (idempotencyKey) =>
              this.api.users.add(input, { idempotencyKey }),
            ),
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

  /**
   * Saves the edit made to `opened`; when someone changed the user since, shows what
   * changed and re-applies the edit, or drops it (the window closes on the current values).
   */
  async #update(opened: User, input: UserFormInput): Promise<User | undefined> {
    const patch = userChanges(opened, input);
    const outcome = await this.saveEdit('userForm', {
      opened,
      send: (version) => this.api.users.update(opened.id, patch, { ifMatch: version }),
      reload: () => this.api.users.get(opened.id),
      conflict: (current) =>
        editConflict(
          `${opened.firstName} ${opened.lastName}`,
          conflictRows(userConflictFields, opened, current, withChanges(opened, patch)),
        ),
      codeFields: userFields,
    });
    if (outcome && 'discarded' in outcome) {
      this.dialog('user-dialog').close();
      this.notice = `Your edit of ${opened.firstName} ${opened.lastName} was discarded; the list shows the user as they are now.`;
      await this.reload();
    }
    return outcome && 'saved' in outcome ? outcome.saved : undefined;
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
    const name = `${user.firstName} ${user.lastName}`;
    const outcome = await this.saveEdit('delete', {
      opened: user,
      send: (ifMatch) =>
        this.api.users
          .delete(user.id, { ...(reassignTo ? { reassignTo } : {}), ifMatch })
          .then(() => true),
      reload: () => this.api.users.get(user.id),
      conflict: (current) => deleteConflict(name, conflictRows(userConflictFields, user, current)),
    });
    if (!outcome) return;
    this.dialog('delete-dialog').close();
    if ('discarded' in outcome) {
      this.notice = `${name} was kept.`;
      await this.reload();
      return;
    }
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
      <sb-conflict-dialog></sb-conflict-dialog>
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
    return usersTable(users, {
      me: this.me,
      edit: (user) => this.#open(user),
      email: (user, kind) => this.#email(user, kind),
      remove: (user) => this.#askDelete(user),
      rowError: (user) => this.formError(`row:${user.id}`),
    });
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
        ${userFormFields(user, adding, this.fieldMarks(key))}
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
