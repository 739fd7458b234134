import type { AuditAction, AuditEvent } from '@switchboard/contract';
import { fieldLabel, wordList } from './field-labels.js';

/**
 * What the console can name, by id: users (`Grace Hopper`), phone numbers
 * (`+1 800 555 0100`), integrations, webhook endpoints (their URL), SCIM tokens. An id it
 * cannot name (a deleted user, a released number) is shown as it is.
 */
export type ActivityNames = ReadonlyMap<string, string>;

/** One event as the Activity timeline reads it. */
export interface ActivityLine {
  /** Who did it: a user's name, `The platform operator`, `Switchboard`… */
  actor: string;
  /** What they did, after the actor: `changed the owner of +1 800 555 0100 to Grace Hopper`. */
  deed: string;
  /** The actor and the deed: `Ada Lovelace changed the owner of …`. */
  sentence: string;
  /** The changed fields, as the console's forms label them. */
  changed: string[];
}

/** What a deed is built from. */
interface Deed {
  /** The target as the sentence names it: `Grace Hopper`, `the account`, `user usr_…`. */
  target: string;
  /** The changed fields in words: `first name and last name`. */
  fields: string;
  /** The actor is the target (a user acting on themselves). */
  self: boolean;
  /** The name of the owner a number was given, when known. */
  owner: string | undefined;
  changedFields: readonly string[];
}

const nouns: Record<string, string> = {
  user: 'user',
  phone_number: 'phone number',
  integration: 'integration',
  webhook_endpoint: 'webhook endpoint',
  scim_token: 'SCIM token',
};

function targetName({ type, id }: AuditEvent['target'], names: ActivityNames): string {
  if (type === 'account') return 'the account';
  const name = names.get(id);
  const noun = nouns[type] ?? type.replaceAll('_', ' ');
  if (!name) return `${noun} ${id}`;
  if (type === 'user' || type === 'phone_number') return name;
  if (type === 'webhook_endpoint') return `the webhook endpoint ${name}`;
  return `the ${noun} “${name}”`;
}

function actorName({ type, id }: AuditEvent['actor'], names: ActivityNames): string {
  if (type === 'operator') return 'The platform operator';
  if (type === 'system') return 'Switchboard';
  if (type === 'scim') return 'The identity provider (SCIM)';
  if (!id) return 'Someone';
  return names.get(id) ?? `User ${id}`;
}

/** `changed the city and ZIP code of the account`, or `changed the account` without fields. */
const changed = (d: Deed) =>
  d.fields ? `changed the ${d.fields} of ${d.target}` : `changed ${d.target}`;
const their = (d: Deed, what: string) => (d.self ? `their ${what}` : `the ${what} of ${d.target}`);

function numberChanged(d: Deed): string {
  if (!d.owner || !d.changedFields.includes('ownerId')) return changed(d);
  if (d.changedFields.length === 1) return `changed the owner of ${d.target} to ${d.owner}`;
  return `${changed(d)}; ${d.owner} owns it now`;
}

/** A sentence for every action the log records (typed by the contract's list). */
const deeds: Record<AuditAction, (d: Deed) => string> = {
  'account.created': () => 'opened the account',
  'account.updated': changed,
  'account.demo_changed': () => 'changed the demo status of the account',
  'user.added': (d) => `added ${d.target}`,
  'user.updated': (d) => (d.self ? `changed their ${d.fields || 'profile'}` : changed(d)),
  'user.deactivated': (d) => `deactivated ${d.target}`,
  'user.reactivated': (d) => `reactivated ${d.target}`,
  'user.deleted': (d) => `deleted ${d.target}`,
  'user.activated': (d) => `activated ${their(d, 'login')}`,
  'user.activation_resent': (d) => `sent ${d.target} a new activation email`,
  'user.password_reset_requested': (d) =>
    d.self ? 'asked for a password-reset email' : `sent ${d.target} a password-reset email`,
  'user.password_reset_completed': (d) => `reset ${their(d, 'password')}`,
  'user.password_changed': (d) => `changed ${their(d, 'password')}`,
  'user.two_factor_changed': (d) => `changed ${their(d, 'two-factor sign-in setting')}`,
  'user.signed_in': (d) => (d.self ? 'signed in' : `signed in as ${d.target}`),
  'phone_number.requested': (d) => `requested ${d.target}${d.owner ? ` for ${d.owner}` : ''}`,
  'phone_number.updated': numberChanged,
  'phone_number.released': (d) => `released ${d.target}`,
  'integration.added': (d) => `added ${d.target}`,
  'integration.updated': changed,
  'integration.tested': (d) => `tested the connection of ${d.target}`,
  'integration.deleted': (d) => `deleted ${d.target}`,
  'integration.resealed': (d) => `re-encrypted the credentials of ${d.target} under a new key`,
  'webhook_endpoint.added': (d) => `added ${d.target}`,
  'webhook_endpoint.updated': changed,
  'webhook_endpoint.secret_rotated': (d) => `rotated the signing secret of ${d.target}`,
  'webhook_endpoint.deleted': (d) => `deleted ${d.target}`,
  'webhook_endpoint.resealed': (d) =>
    `re-encrypted the signing secret of ${d.target} under a new key`,
  'scim_token.created': (d) => `created ${d.target}`,
  'scim_token.revoked': (d) => `revoked ${d.target}`,
};

/**
 * An audit event as a sentence for people: who (`actor`), did what (`deed`) to which
 * target, named from `names` (ids it cannot name stay ids), and the changed fields in
 * words. `newOwnerId` is the owner a phone-number event gave the number, when the caller
 * knows it (see `knownNewOwners`): the event itself names fields, never values.
 *
 * @example
 * describeEvent(event, names, 'usr_grace').sentence
 * // 'Ada Lovelace changed the owner of +1 800 555 0100 to Grace Hopper'
 */
export function describeEvent(
  event: AuditEvent,
  names: ActivityNames,
  newOwnerId?: string,
): ActivityLine {
  const labels = event.changedFields.map((field) => fieldLabel(event.target.type, field));
  const deed: Deed = {
    target: targetName(event.target, names),
    fields: wordList(labels),
    self: event.actor.type === 'user' && event.actor.id === event.target.id,
    owner: newOwnerId ? (names.get(newOwnerId) ?? `user ${newOwnerId}`) : undefined,
    changedFields: event.changedFields,
  };
  const actor = actorName(event.actor, names);
  // An action a newer server records is named as it is.
  const build = deeds[event.action as AuditAction] as ((d: Deed) => string) | undefined;
  const text = build ? build(deed) : `recorded ${event.action} for ${deed.target}`;
  return { actor, deed: text, sentence: `${actor} ${text}`, changed: labels };
}
