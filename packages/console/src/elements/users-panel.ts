import type { User } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { userConflictFields } from '../shared/conflict-fields.js';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { conflictRows, deleteConflict, editConflict } from '../shared/edit-conflict.js';
import { numberHeirs } from '../shared/number-heirs.js';
import { SubmissionKey } from '../shared/submission-key.js';
import { type UserFormInput, userChanges, withChanges } from '../shared/user-changes.js';
import { noUsersMessage, statusFilter, type UserStatusFilter } from '../shared/user-status.js';
import { statusChange } from '../shared/user-status-change.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import { meChangedEvent } from './profile-panel.js';
import { userDeleteDialog } from './user-delete-dialog.js';
import { userFormFields } from './user-form-fields.js';
import { usersTable } from './users-table.js';
import { usersToolbar } from './users-toolbar.js';

/**
 * Fired after a user was added, edited, deactivated, reactivated or deleted, so owner lists
 * can reload.
 */
export const usersChangedEvent = 'sb-users-changed';

const pageSize = 50;
const userFields = { email_taken: 'email', two_factor_not_editable: 'twoFactorEnabled' };

/**
 * `<sb-users>`: Manage Users for admins. Lists the account's users (the table appears once
 * there is more than one), filtered by status if asked; adds, edits, deactivates,
 * reactivates and deletes them, and sends password-reset and activation emails. Two-factor
 * sign-in is shown, never editable. Needs `client` and `me` (who cannot deactivate or delete
 * themselves).
 */
export class UsersPanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    me: { attribute: false },
    users: { state: true },
    nextCursor: { state: true },
    editing: { state: true },
    deleting: { state: true },
    heirs: { state: true },
    notice: { state: true },
    opened: { state: true },
    query: { state: true },
    status: { state: true },
  };

  declare me: User | undefined;
  declare users: User[] | undefined;
  declare nextCursor: string | null;
  /** The user in the edit window; null while adding; undefined when it is closed. */
  declare editing: User | null | undefined;
  declare deleting: User | undefined;
  /** Who the Delete window offers the user's phone numbers to. */
  declare heirs: User[];
  declare notice: string;
  /** Counts openings of the user window, so each one starts from a fresh form. */
  declare opened: number;
  /** The search box: a prefix of first name, last name or email. */
  declare query: string;
  /** The status filter: every user, or only those in one status (`GET /v1/users?status=`). */
  declare status: UserStatusFilter;
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
    this.heirs = [];
    this.notice = '';
    this.opened = 0;
    this.query = '';
    this.status = 'all';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.reload();
  }

  /** What the search box and the status filter ask of `GET /v1/users`. */
  #listQuery() {
    return {
      limit: pageSize,
      ...(this.query ? { q: this.query } : {}),
      ...(this.status === 'all' ? {} : { status: this.status }),
    };
  }

  /** Loads the first page again. */
  async reload(): Promise<void> {
    const query = this.#listQuery();
    const load = ++this.#listLoads;
    const page = await this.load('list', () => this.api.users.page(query));
    if (!page || load !== this.#listLoads) return;
    this.users = page.data;
    this.nextCursor = page.nextCursor;
  }

  #search(event: Event) {
    this.query = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.reload(), 250);
  }

  #filter(event: Event) {
    this.status = statusFilter((event.target as HTMLSelectElement).value);
    clearTimeout(this.#searchTimer);
    void this.reload();
  }

  async #more() {
    const query = { ...this.#listQuery(), cursor: this.nextCursor ?? undefined };
    const load = ++this.#listLoads;
    const page = await this.load('list', () => this.api.users.page(query));
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
    this.heirs = numberHeirs(user, await this.#heirCandidates(), this.me);
    this.deleting = user;
    await this.updateComplete;
    this.dialog('delete-dialog').showModal();
  }

  /**
   * The users who may receive a deleted user's numbers: those listed, or, while a search or
   * the status filter narrows the list, the first page of all users.
   */
  async #heirCandidates(): Promise<readonly User[]> {
    const listed = this.users ?? [];
    if (!this.query && this.status === 'all') return listed;
    const page = await this.load('delete', () => this.api.users.page({ limit: 100 }));
    return page?.data ?? listed;
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

  /**
   * Deactivates the user of a row, or reactivates them, once the admin confirms; with the
   * version the list showed (C1), so a user changed meanwhile is shown before anything is sent.
   */
  async #changeStatus(user: User) {
    this.notice = '';
    const change = statusChange(user);
    const confirm = this.renderRoot.querySelector('sb-confirm-dialog') as ConfirmDialog;
    if (!(await confirm.ask(change.confirmation))) return;
    const outcome = await this.saveEdit(`row:${user.id}`, {
      opened: user,
      send: (ifMatch) => this.api.users.update(user.id, { status: change.to }, { ifMatch }),
      reload: () => this.api.users.get(user.id),
      conflict: (current) =>
        change.conflict(
          conflictRows(userConflictFields, user, current, { ...user, status: change.to }),
        ),
    });
    if (!outcome) return;
    this.notice =
      'saved' in outcome
        ? change.done(outcome.saved)
        : `${user.firstName} ${user.lastName} was left as they are.`;
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
      ${usersToolbar({
        status: this.status,
        search: (event) => this.#search(event),
        filter: (event) => this.#filter(event),
        add: () => this.#open(null),
      })}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')}
      ${users === undefined ? html`<p class="muted">Loading users…</p>` : this.#table(users)}
      ${
        this.nextCursor
          ? html`<p><button @click=${this.#more} ?disabled=${this.busy.list}>Show more users</button></p>`
          : nothing
      }
      ${this.#userDialog()}
      ${userDeleteDialog({
        user: this.deleting,
        heirs: this.heirs,
        busy: this.busy.delete === true,
        error: this.formError('delete'),
        submit: (event) => this.#delete(event),
        cancel: () => this.dialog('delete-dialog').close(),
        closed: () => {
          this.deleting = undefined;
        },
      })}
      <sb-confirm-dialog></sb-confirm-dialog>
      <sb-conflict-dialog></sb-conflict-dialog>
    </section>`;
  }

  #table(users: User[]) {
    const emptyMessage = noUsersMessage(this.query, this.status);
    if (emptyMessage !== undefined && users.length === 0) {
      return html`<p class="muted">${emptyMessage}</p>`;
    }
    // Only the whole list tells that the admin is alone.
    if (users.length <= 1 && !this.nextCursor && emptyMessage === undefined) {
      return html`<p class="muted">
        You are the only user of this account so far. Add users to share the account with your
        team; each one gets an email to activate their login.
      </p>`;
    }
    return usersTable(users, {
      me: this.me,
      edit: (user) => this.#open(user),
      email: (user, kind) => this.#email(user, kind),
      changeStatus: (user) => this.#changeStatus(user),
      remove: (user) => this.#askDelete(user),
      busy: (user) => this.busy[`row:${user.id}`] === true,
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
}
