import type { AuditEvent } from '@switchboard/contract';

/** A phone number as the console lists it: its id and its owner now. */
export interface OwnedNumber {
  id: string;
  ownerId: string;
}

const setsOwner = (event: AuditEvent) =>
  event.target.type === 'phone_number' &&
  (event.action === 'phone_number.requested' ||
    (event.action === 'phone_number.updated' && event.changedFields.includes('ownerId')));

/**
 * The owner each phone-number event gave its number, where that can be known. An event
 * names the fields it changed, never their values; but the newest event that set a
 * number's owner set the owner the number has now — if nothing after it moved the number:
 * no later owner change of it and no later deleted user (whose numbers pass to another).
 * That holds only when `events` are every event from the newest down (the timeline without
 * a person, area or end filter): `complete` says so; otherwise nothing is known.
 *
 * @example knownNewOwners(timeline, numbers, true).get('evt_…') // 'usr_grace'
 */
export function knownNewOwners(
  events: readonly AuditEvent[],
  numbers: readonly OwnedNumber[],
  complete: boolean,
): Map<string, string> {
  const known = new Map<string, string>();
  if (!complete) return known;
  const ownerNow = new Map(numbers.map((number) => [number.id, number.ownerId]));
  const settled = new Set<string>();
  // Newest first: the first owner-setting event of a number is its newest.
  for (const event of events) {
    if (event.action === 'user.deleted') break;
    if (!setsOwner(event) || settled.has(event.target.id)) continue;
    settled.add(event.target.id);
    const owner = ownerNow.get(event.target.id);
    if (owner) known.set(event.id, owner);
  }
  return known;
}
