import type { Account, Integration, PhoneNumber, User } from '@switchboard/contract';
import type { ConflictField } from './edit-conflict.js';
import { userStatusLabels } from './user-status.js';

const yesNo = (on: boolean) => (on ? 'Yes' : 'No');
const text = (value: string | null) => value || '(empty)';

/** The fields of a user the conflict window compares: the edit form's, then the user's own. */
export const userConflictFields: readonly ConflictField<User>[] = [
  { label: 'First Name', value: (user) => text(user.firstName) },
  { label: 'Last Name', value: (user) => text(user.lastName) },
  { label: 'Email Address', value: (user) => text(user.email) },
  { label: 'Account Admin', value: (user) => yesNo(user.isAdmin) },
  { label: 'Can Create', value: (user) => yesNo(user.permissions.canCreate) },
  { label: 'Can Share', value: (user) => yesNo(user.permissions.canShare) },
  { label: 'Two-factor sign-in', value: (user) => (user.twoFactorEnabled ? 'On' : 'Off') },
  { label: 'Status', value: (user) => userStatusLabels[user.status] },
];

/** The company details, as Account Information labels them. */
export const accountConflictFields: readonly ConflictField<Account>[] = [
  { label: 'Company Name', value: (account) => text(account.companyName) },
  { label: 'Address', value: (account) => text(account.address) },
  { label: 'City', value: (account) => text(account.city) },
  { label: 'State', value: (account) => text(account.state) },
  { label: 'Zip', value: (account) => text(account.zip) },
  { label: 'Phone Number', value: (account) => text(account.phoneNumber) },
];

const statusLabels = { ok: 'working', failing: 'failing', unchecked: 'unchecked' } as const;

/** What an admin may edit of an integration, and its status (a test changes it). */
export const integrationConflictFields: readonly ConflictField<Integration>[] = [
  { label: 'Name', value: (integration) => text(integration.name) },
  { label: 'Description', value: (integration) => text(integration.description) },
  { label: 'Status', value: (integration) => statusLabels[integration.status.state] },
];

/**
 * A phone number's owner (by name, as `ownerName` gives it), application and PCI flag.
 *
 * @example phoneNumberConflictFields((id) => names.get(id) ?? id)
 */
export function phoneNumberConflictFields(
  ownerName: (userId: string) => string,
): readonly ConflictField<PhoneNumber>[] {
  return [
    { label: 'Owner', value: (number) => ownerName(number.ownerId) },
    { label: 'Application', value: (number) => number.applicationId ?? '(none)' },
    { label: 'PCI', value: (number) => yesNo(number.pci) },
  ];
}
