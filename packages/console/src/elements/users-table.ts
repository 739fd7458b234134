import type { User } from '@switchboard/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { checkmark } from '../shared/console-element.js';
import { statusChange } from '../shared/user-status-change.js';

/** What a row of the users table does, and what it shows under its buttons. */
export interface UserRowActions {
  /** The signed-in admin, who gets no Deactivate or Delete button. */
  me: User | undefined;
  edit(user: User): void;
  email(user: User, kind: 'reset' | 'activation'): void;
  /** Deactivates the user, or reactivates a deactivated one (after asking). */
  changeStatus(user: User): void;
  remove(user: User): void;
  /** True while an action of the row runs. */
  busy(user: User): boolean;
  rowError(user: User): TemplateResult | typeof nothing;
}

/**
 * The table of Manage Users: name (with a pending or deactivated badge), email, the flags
 * as checkmarks, and each row's Edit, email, Deactivate (or Reactivate) and Delete buttons.
 *
 * @example usersTable(users, { me, edit: open, email: send, changeStatus, remove, busy, rowError })
 */
export function usersTable(users: readonly User[], actions: UserRowActions): TemplateResult {
  return html`<div class="table-scroll"><table aria-label="Users">
      <thead>
        <tr>
          <th>Name</th><th>Email</th><th class="flag">Admin</th><th class="flag">Can create</th>
          <th class="flag">Can share</th><th class="flag">2FA</th><th class="actions">Actions</th>
        </tr>
      </thead>
      <tbody>
        ${users.map((user) => userRow(user, actions))}
      </tbody>
    </table></div>`;
}

/** The badge beside a name: `pending` until activation, `deactivated` while blocked (U9). */
function statusBadge(user: User): TemplateResult | typeof nothing {
  if (user.status === 'pending') return html`<span class="badge">pending</span>`;
  if (user.status === 'deactivated') {
    return html`<span class="badge deactivated" title="Cannot sign in until reactivated">deactivated</span>`;
  }
  return nothing;
}

function userRow(user: User, actions: UserRowActions): TemplateResult {
  const name = `${user.firstName} ${user.lastName}`;
  const isMe = user.id === actions.me?.id;
  const busy = actions.busy(user);
  const change = statusChange(user);
  return html`<tr data-user=${user.email} data-status=${user.status}>
      <td>${name} ${statusBadge(user)}</td>
      <td>${user.email}</td>
      <td class="flag">${checkmark(user.isAdmin, 'Admin')}</td>
      <td class="flag">${checkmark(user.permissions.canCreate, 'Can create')}</td>
      <td class="flag">${checkmark(user.permissions.canShare, 'Can share')}</td>
      <td class="flag">${checkmark(user.twoFactorEnabled, 'Two-factor')}</td>
      <td class="actions">
        <button class="link" @click=${() => actions.edit(user)} aria-label=${`Edit ${name}`}>Edit</button>
        ${emailButton(user, name, actions)}
        ${
          isMe
            ? nothing
            : html`<button class="link ${change.to === 'deactivated' ? 'danger' : ''}"
              @click=${() => actions.changeStatus(user)} ?disabled=${busy}
              aria-label=${`${change.verb} ${name}`}>${change.verb}</button>`
        }
        ${
          isMe
            ? nothing
            : html`<button class="link danger" @click=${() => actions.remove(user)}
              aria-label=${`Delete ${name}`}>Delete</button>`
        }
        ${actions.rowError(user)}
      </td>
    </tr>`;
}

/** Resend activation (pending), Reset password (active); none while deactivated. */
function emailButton(user: User, name: string, actions: UserRowActions) {
  switch (user.status) {
    case 'pending':
      return html`<button class="link" @click=${() => actions.email(user, 'activation')}
        aria-label=${`Resend activation to ${name}`}>Resend activation</button>`;
    case 'active':
      return html`<button class="link" @click=${() => actions.email(user, 'reset')}
        aria-label=${`Reset password of ${name}`}>Reset password</button>`;
    case 'deactivated':
      return nothing;
  }
}
