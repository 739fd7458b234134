import type { Account } from '@switchboard/contract';

/** The editable company details (A1) in their stored form. */
export type AccountDetails = Pick<
  Account,
  'companyName' | 'address' | 'city' | 'state' | 'zip' | 'phoneNumber'
>;

/**
 * The fields of a parsed update that actually differ from the account, so an update that
 * changes nothing writes nothing and audits nothing.
 */
export function accountChanges(
  account: Account,
  update: Partial<AccountDetails>,
): Partial<AccountDetails> {
  const changes: Partial<AccountDetails> = {};
  for (const key of Object.keys(update) as (keyof AccountDetails)[]) {
    const value = update[key];
    if (value !== undefined && value !== account[key]) {
      (changes as Record<string, unknown>)[key] = value;
    }
  }
  return changes;
}
