import type { UserStatus } from '@switchboard/contract';

/**
 * Each status of the contract as Manage Users names it, in the order the status filter
 * offers them (typed by the contract's statuses, so a new one cannot be forgotten).
 */
export const userStatusLabels: Readonly<Record<UserStatus, string>> = {
  active: 'Active',
  pending: 'Pending',
  deactivated: 'Deactivated',
};

/** What the status filter of Manage Users shows: every user, or those in one status. */
export type UserStatusFilter = UserStatus | 'all';

/** The choices of the status filter: `all` first, then each status of the contract. */
export const userStatusFilters: readonly { value: UserStatusFilter; label: string }[] = [
  { value: 'all', label: 'All users' },
  ...(Object.keys(userStatusLabels) as UserStatus[]).map((status) => ({
    value: status,
    label: `${userStatusLabels[status]} users`,
  })),
];

/**
 * The filter chosen in the select, or `all` for anything the contract does not know.
 *
 * @example statusFilter('deactivated') // 'deactivated'
 */
export function statusFilter(value: string): UserStatusFilter {
  return userStatusFilters.find((filter) => filter.value === value)?.value ?? 'all';
}

/**
 * What an empty page of Manage Users says, given the search and the status filter; undefined
 * when neither narrows the list (the panel then speaks of an account with one user).
 *
 * @example noUsersMessage('zz', 'deactivated') // 'No deactivated user's name or email starts with “zz”.'
 */
export function noUsersMessage(query: string, status: UserStatusFilter): string | undefined {
  const which = status === 'all' ? '' : `${userStatusLabels[status].toLowerCase()} `;
  if (query) return `No ${which}user's name or email starts with “${query}”.`;
  if (status !== 'all') return `No ${which}users.`;
  return undefined;
}
