import type { User } from '@switchboard/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { checkmark } from '../shared/console-element.js';

/** What a row of the users table does, and what it shows under its buttons. */
export interface UserRowActions {
  /** The signed-in admin, who gets no Delete button. */
  me: User | undefined;
  edit(user: User): void;
  email(user: User, kind: 'reset' | 'activation'): void;
  remove(user: User): void;
  rowError(user: User): TemplateResult | typeof nothing;
}

/**
 * The table of Manage Users: name (with a pending badge), email, the flags as checkmarks,
 * and each row's Edit, email and Delete buttons.
 *
 * @example usersTable(users, { me, edit: open, email: send, remove: askDelete, rowError })
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

function userRow(user: User, actions: UserRowActions): TemplateResult {
  const name = `${user.firstName} ${user.lastName}`;
  const isMe = user.id === actions.me?.id;
  return html`<tr data-user=${user.email}>
      <td>${name} ${user.status === 'pending' ? html`<span class="badge">pending</span>` : nothing}</td>
      <td>${user.email}</td>
      <td class="flag">${checkmark(user.isAdmin, 'Admin')}</td>
      <td class="flag">${checkmark(user.permissions.canCreate, 'Can create')}</td>
      <td class="flag">${checkmark(user.permissions.canShare, 'Can share')}</td>
      <td class="flag">${checkmark(user.twoFactorEnabled, 'Two-factor')}</td>
      <td class="actions">
        <button class="link" @click=${() => actions.edit(user)} aria-label=${`Edit ${name}`}>Edit</button>
        ${
          user.status === 'pending'
            ? html`<button class="link" @click=${() => actions.email(user, 'activation')}
              aria-label=${`Resend activation to ${name}`}>Resend activation</button>`
            : html`<button class="link" @click=${() => actions.email(user, 'reset')}
              aria-label=${`Reset password of ${name}`}>Reset password</button>`
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
