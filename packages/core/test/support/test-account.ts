import type { Actor } from '../../src/shared/actor.js';
import { operatorActor } from '../../src/shared/operator-actor.js';
import type { TestSwitchboard } from './test-switchboard.js';

/** A user's names and email, as the services take them. */
export const person = (firstName: string, lastName: string, email: string) => ({
  firstName,
  lastName,
  email,
});

/** Opens the "Acme" account with Ada Lovelace as its admin, and returns her actor. */
export async function openAcmeAccount(t: TestSwitchboard): Promise<Actor> {
  const created = await t.sb.operator.createAccount(operatorActor(), {
    companyName: 'Acme',
    admin: person('Ada', 'Lovelace', 'ada@acme.test'),
  });
  return t.sb.identity.actorFor(created.admin.id);
}
