import type { CreatedAccount, Switchboard } from '@switchboard/core';
import { operatorActor } from '@switchboard/core';

/** The account `serve` creates on an empty database, so there is something to sign in to. */
export const demoAccount = {
  companyName: 'Demo Company',
  demo: true,
  admin: { firstName: 'Demo', lastName: 'Admin', email: 'admin@example.com' },
};

/** Creates the demo account when the database holds no account yet; null otherwise. */
export async function seedDemoAccount(switchboard: Switchboard): Promise<CreatedAccount | null> {
  if (await switchboard.operator.hasAccounts()) return null;
  return switchboard.operator.createAccount(operatorActor(), demoAccount);
}
