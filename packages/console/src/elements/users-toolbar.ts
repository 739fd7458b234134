import { html, type TemplateResult } from 'lit';
import { type UserStatusFilter, userStatusFilters } from '../shared/user-status.js';

/** What the toolbar of Manage Users shows and does. */
export interface UsersToolbarProps {
  /** The status filter's choice. */
  status: UserStatusFilter;
  search(event: Event): void;
  filter(event: Event): void;
  add(): void;
}

/**
 * The heading of Manage Users with the search box, the status filter (all users, or those
 * active, pending or deactivated) and Add User.
 *
 * @example usersToolbar({ status: 'all', search, filter, add })
 */
export function usersToolbar(props: UsersToolbarProps): TemplateResult {
  return html`<div class="toolbar">
    <h2 id="users-title">Manage Users</h2>
    <div class="buttons">
      <input type="search" aria-label="Search users" placeholder="Search by name or email"
        @input=${props.search} />
      <select aria-label="Show users by status" @change=${props.filter}>
        ${userStatusFilters.map(
          ({ value, label }) =>
            html`<option value=${value} ?selected=${value === props.status}>${label}</option>`,
        )}
      </select>
      <button class="primary" @click=${props.add}>Add User</button>
    </div>
  </div>`;
}
